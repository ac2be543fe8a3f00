/**
 * The pieces of `npm run test:cluster` (issue 15 items 7–9), each a real engine on loopback only:
 * a PostgreSQL primary and a streaming replica (initdb, pg_basebackup), PgBouncer in transaction
 * mode, HAProxy, and Samråd app instances. Everything lives in one temporary directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';

const BIN = process.env.CLUSTER_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** PostgreSQL and PgBouncer refuse to run as root: root runs them as the `postgres` user. */
export function serviceUser(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

export function ownedDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const user = serviceUser();
  if ('uid' in user) chownSync(dir, user.uid, user.gid);
  return dir;
}

function killTree(p: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!p || p.exitCode !== null || p.signalCode !== null || !p.pid) return Promise.resolve();
  const children = spawnSync('pgrep', ['-P', String(p.pid)])
    .stdout.toString()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  const exited = new Promise<void>((r) => p.once('exit', () => r()));
  for (const pid of [p.pid, ...children]) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
  return exited;
}

export type Postgres = {
  port: number;
  url: (db?: string) => string;
  start: () => Promise<void>;
  /** kill -9 of the postmaster and its backends at once, as a failed host would. */
  kill: () => Promise<void>;
  stop: () => Promise<void>;
  promote: () => void;
};

async function waitForPostgres(url: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      if (Date.now() > until) throw new Error(`PostgreSQL at ${url} did not start: ${String(err)}`);
      await sleep(100);
    }
  }
}

function postgres(dir: string, data: string, port: number): Postgres {
  const user = serviceUser();
  let postmaster: ChildProcess | null = null;
  const url = (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`;
  return {
    port,
    url,
    start: async () => {
      const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1'];
      postmaster = spawn(path.join(BIN, 'postgres'), args, { stdio: 'ignore', cwd: dir, ...user });
      await waitForPostgres(url());
    },
    kill: () => killTree(postmaster, 'SIGKILL'),
    stop: () => killTree(postmaster, 'SIGINT'),
    promote: () => {
      const r = spawnSync(path.join(BIN, 'pg_ctl'), ['promote', '-D', data, '-W'], { encoding: 'utf8', ...user });
      if (r.status !== 0) throw new Error(`pg_ctl promote failed: ${r.stderr}`);
    },
  };
}

/** A primary (no fsync: the test kills processes, not the machine) that allows streaming replication. */
export async function startPrimary(dir: string): Promise<Postgres> {
  const data = path.join(ownedDir(dir), 'primary');
  const init = spawnSync(
    path.join(BIN, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8'],
    { encoding: 'utf8', cwd: dir, ...serviceUser() },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const conf = [
    'fsync = off',
    'max_connections = 200',
    'wal_level = replica',
    'max_wal_senders = 5',
    'wal_keep_size = 256MB',
    'hot_standby = on',
  ];
  spawnSync('sh', ['-c', `printf '%s\\n' ${conf.map((c) => `'${c}'`).join(' ')} >> ${data}/postgresql.auto.conf`], {
    ...serviceUser(),
  });
  const pgp = postgres(dir, data, await freePort());
  await pgp.start();
  return pgp;
}

/**
 * A streaming replica of `primary` made with pg_basebackup. `applyDelay` holds back replay (a lagging
 * replica, so a read that should have gone to the primary would show it); a promotion ends the wait.
 */
export async function startReplica(
  dir: string,
  primary: Postgres,
  applyDelay = '0',
  settings: string[] = [],
): Promise<Postgres> {
  const data = path.join(dir, 'replica');
  const r = spawnSync(
    path.join(BIN, 'pg_basebackup'),
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      data,
      '-R',
      '-X',
      'stream',
      '--no-sync',
      '--checkpoint=fast',
    ],
    { encoding: 'utf8', cwd: dir, ...serviceUser() },
  );
  if (r.status !== 0) throw new Error(`pg_basebackup failed: ${r.stderr}`);
  // Later lines of postgresql.auto.conf win over the primary's copied ones.
  const conf = [`recovery_min_apply_delay = '${applyDelay}'`, ...settings];
  spawnSync('sh', ['-c', `printf '%s\\n' ${conf.map((c) => `"${c}"`).join(' ')} >> ${data}/postgresql.auto.conf`], {
    ...serviceUser(),
  });
  const replica = postgres(dir, data, await freePort());
  await replica.start();
  return replica;
}

export type Bouncer = {
  port: number;
  url: (db: string) => string;
  repoint: (port: number) => void;
  stop: () => Promise<void>;
};

/** PgBouncer in transaction mode in front of a PostgreSQL port; `repoint` moves it (a failover). */
export async function startPgBouncer(dir: string, dbPort: number, dbs: string[]): Promise<Bouncer> {
  const home = ownedDir(path.join(dir, 'pgbouncer'));
  const port = await freePort();
  const ini = path.join(home, 'pgbouncer.ini');
  const write = (target: number) =>
    writeFileSync(
      ini,
      [
        '[databases]',
        ...dbs.map((db) => `${db} = host=127.0.0.1 port=${target} dbname=${db} user=postgres`),
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        'auth_type = any',
        'pool_mode = transaction',
        'max_client_conn = 1000',
        'default_pool_size = 40',
        'server_connect_timeout = 3',
        'server_login_retry = 1',
        'query_wait_timeout = 10',
        `logfile = ${path.join(home, 'pgbouncer.log')}`,
        'ignore_startup_parameters = extra_float_digits,options',
        '',
      ].join('\n'),
    );
  write(dbPort);
  const user = serviceUser();
  if ('uid' in user) chownSync(ini, user.uid, user.gid);
  const child = spawn('pgbouncer', [ini], { stdio: 'ignore', ...user });
  await waitForPostgres(`postgres://postgres@127.0.0.1:${port}/${dbs[0]}`);
  return {
    port,
    url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    repoint: (target) => {
      write(target);
      // SIGHUP: PgBouncer reloads its configuration; new server connections go to the new target.
      process.kill(child.pid!, 'SIGHUP');
    },
    stop: () => killTree(child, 'SIGINT'),
  };
}

export type Balancer = { port: number; stop: () => Promise<void> };

/**
 * HAProxy, round robin over the app instances, each checked twice a second on /api/health (the
 * process answers): during a database outage the instances stay in rotation and answer 503 with
 * Retry-After themselves; when none answers at all, HAProxy says the same in the API's error shape.
 */
export async function startHaproxy(
  dir: string,
  name: string,
  appPorts: number[],
  port?: number,
  checkPath = '/api/health',
): Promise<Balancer> {
  port ??= await freePort();
  const cfg = path.join(dir, `haproxy-${name}.cfg`);
  writeFileSync(
    cfg,
    [
      'global',
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      '  retries 2',
      '  option redispatch',
      `  http-error status 503 content-type application/json hdr retry-after 2 string '{"error":{"code":"UNAVAILABLE","message":"No instance is available; try again shortly"}}'`,
      `frontend web`,
      `  bind 127.0.0.1:${port}`,
      '  option forwardfor',
      '  default_backend app',
      'backend app',
      '  balance roundrobin',
      `  option httpchk GET ${checkPath}`,
      '  http-check expect status 200',
      '  default-server inter 500ms fall 2 rise 2',
      ...appPorts.map((p, i) => `  server app${i + 1} 127.0.0.1:${p} check`),
      '',
    ].join('\n'),
  );
  const child = spawn('haproxy', ['-f', cfg, '-db'], { stdio: 'ignore' });
  const until = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${checkPath}`);
      if (res.status === 200) break;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error('HAProxy did not start');
    await sleep(100);
  }
  return { port, stop: () => killTree(child, 'SIGTERM') };
}
