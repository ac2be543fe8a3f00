// Builds the client when dist/client is missing or older than its sources, so `npm start` works
// from a fresh clone and starts at once when nothing changed (warm start).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const stamp = path.resolve('dist/client/index.html');
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const sources = Math.max(newest(path.resolve('client')), statSync(path.resolve('package-lock.json')).mtimeMs);
if (built < sources) {
  process.stdout.write('Building the client…\n');
  execSync('npx vite build --config client/vite.config.ts --logLevel warn', { stdio: 'inherit' });
}
