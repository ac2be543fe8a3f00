// Worker thread body of extractInWorker (extract.ts). Plain JavaScript so that any runtime (tsx,
// vitest, plain node) can start it; it registers tsx itself to load the TypeScript extractor.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const { extractText } = await import('./extract.ts');
  const outcome = await extractText(workerData.data, workerData.mediaType);
  parentPort.postMessage({ ok: true, outcome });
} catch (err) {
  parentPort.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
}
