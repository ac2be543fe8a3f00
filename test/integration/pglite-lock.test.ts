import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../server/db/database.ts';

// The embedded database belongs to one process (the server or `npm run seed`, never both).
describe('embedded database lock', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const tempDir = async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'samraad-lock-'));
    dirs.push(d);
    return d;
  };

  it('refuses a data directory that another running process holds', async () => {
    const dir = await tempDir();
    const other = spawn('sleep', ['30']);
    try {
      await writeFile(path.join(dir, 'pg.lock'), String(other.pid));
      await expect(createDb({ dataDir: dir })).rejects.toThrow(/in use by process/);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that is gone, and releases it on close', async () => {
    const dir = await tempDir();
    const gone = spawn('true');
    await new Promise((r) => gone.once('exit', r));
    await writeFile(path.join(dir, 'pg.lock'), String(gone.pid));
    const handle = await createDb({ dataDir: dir });
    expect((await readFile(path.join(dir, 'pg.lock'), 'utf8')).trim()).toBe(String(process.pid));
    await handle.close();
    await expect(stat(path.join(dir, 'pg.lock'))).rejects.toThrow();
  });
});
