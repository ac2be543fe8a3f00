/**
 * A throwaway PostgreSQL cluster for `DURABILITY_KILL=postgres` (issue 10 item 4): initdb into a
 * temporary directory, a free port, no fsync (the test kills the server, not the machine), run as
 * the `postgres` user when we are root (PostgreSQL refuses to run as root).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const BIN = process.env.DURABILITY_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export type Cluster = {
  url: string;
  /** kill -9 of the postmaster (its backends die with it). */
  kill: () => Promise<void>;
  start: () => Promise<void>;
  destroy: () => Promise<void>;
};

/** Root runs PostgreSQL as the `postgres` user (spawned with its uid, so the pid is the postmaster's). */
function postgresUser(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startCluster(port: number): Promise<Cluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'samraad-pg-'));
  const user = postgresUser();
  if ('uid' in user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const init = spawnSync(
    path.join(BIN, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8'],
    { encoding: 'utf8', cwd: dir, ...user },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);

  let postmaster: ChildProcess | null = null;
  const start = async () => {
    const args = [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=60',
    ];
    postmaster = spawn(path.join(BIN, 'postgres'), args, { stdio: 'ignore', cwd: dir, ...user });
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    for (let i = 0; i < 200; i++) {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error('the throwaway PostgreSQL did not start');
  };
  // kill -9 of the whole server: the postmaster and its backends at once (as an OOM kill or a
  // failed host would), so no orphan holds the shared memory when it starts again.
  const kill = async () => {
    const p = postmaster;
    if (!p || p.exitCode !== null || !p.pid) return;
    const children = spawnSync('pgrep', ['-P', String(p.pid)])
      .stdout.toString()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    const exited = new Promise((r) => p.once('exit', r));
    for (const pid of [p.pid, ...children]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await exited;
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    kill,
    start,
    destroy: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
