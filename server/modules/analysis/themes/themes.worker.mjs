// Worker thread body of suggestInWorker (themes.job.ts). Plain JavaScript so that any runtime (tsx,
// vitest, plain node) can start it; it registers tsx itself to load the TypeScript pipeline.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const { suggestThemes } = await import('./themes.rules.ts');
  const result = await suggestThemes(workerData.items, workerData.opts, (phase, fraction) =>
    parentPort.postMessage({ type: 'progress', phase, fraction }),
  );
  parentPort.postMessage({ type: 'done', result });
} catch (err) {
  parentPort.postMessage({ type: 'error', error: err instanceof Error ? err.message : String(err) });
}
