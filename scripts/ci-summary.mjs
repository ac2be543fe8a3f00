// Sums vitest's JSON reports into one closing line that CI reads: "ci: N passed, N failed, N skipped".
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const f of readdirSync(dir)
  .filter((n) => n.endsWith('.json'))
  .sort()) {
  const r = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
  const p = r.numPassedTests ?? 0;
  const x = r.numFailedTests ?? 0;
  const s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  process.stdout.write(`  ${f.replace('.json', '').padEnd(10)} ${p} passed, ${x} failed, ${s} skipped\n`);
  passed += p;
  failed += x;
  skipped += s;
}
process.stdout.write(`ci: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
