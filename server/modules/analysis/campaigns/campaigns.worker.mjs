// Worker thread body of detectInWorker (campaigns.job.ts). Plain JavaScript so that any runtime (tsx,
// vitest, plain node) can start it; it registers tsx itself to load the TypeScript pipeline.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const { detectCampaigns } = await import('./campaigns.rules.ts');
  const texts = workerData.texts;
  const result = detectCampaigns(
    { count: texts.length, text: (i) => texts[i] },
    { progress: (phase, fraction) => parentPort.postMessage({ type: 'progress', phase, fraction }) },
  );
  parentPort.postMessage({
    type: 'done',
    result: {
      clusters: result.clusters.map((c) => ({ members: c.members, template: c.template })),
      boilerplate: result.boilerplate,
    },
  });
} catch (err) {
  parentPort.postMessage({ type: 'error', error: err instanceof Error ? err.message : String(err) });
}
