import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema } from '../../server/config.ts';

// The deployment files stay true to the code: every setting they give the app is one the app reads
// and .env.example documents, every file they mount exists, and HAProxy accepts its configuration.

const root = path.resolve(import.meta.dirname, '../..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');
type Service = { build?: unknown; environment?: Record<string, unknown>; volumes?: string[] };
const compose = (f: string) => parse(read(f), { merge: true }) as { services: Record<string, Service> };
const known = new Set(Object.keys(ConfigSchema.shape));
const documented = new Set([...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));

describe.each(['docker-compose.yml', 'docker-compose.cluster.yml'])('%s', (file) => {
  const { services } = compose(file);
  const apps = Object.entries(services).filter(([, s]) => s.build === '.');

  it('gives the app only settings it reads and .env.example documents', () => {
    expect(apps.length).toBeGreaterThan(0);
    for (const [name, s] of apps) {
      const keys = Object.keys(s.environment ?? {});
      expect(
        keys.filter((k) => !known.has(k)),
        `${name}: unknown to server/config.ts`,
      ).toEqual([]);
      expect(
        keys.filter((k) => !documented.has(k)),
        `${name}: missing from .env.example`,
      ).toEqual([]);
    }
  });

  it('mounts only files that exist', () => {
    const binds = Object.values(services)
      .flatMap((s) => s.volumes ?? [])
      .filter((v) => v.startsWith('./'))
      .map((v) => v.split(':')[0]!);
    for (const b of binds) expect(existsSync(path.join(root, b)), b).toBe(true);
  });
});

describe('the cluster topology', () => {
  const { services } = compose('docker-compose.cluster.yml');

  it('runs the jobs on one instance, through PgBouncer without prepared statements, reading from the replica', () => {
    const apps = Object.values(services).filter((s) => s.build === '.');
    expect(apps.length).toBeGreaterThanOrEqual(2);
    expect(apps.filter((s) => s.environment?.JOBS_ENABLED === 'true')).toHaveLength(1);
    for (const s of apps) {
      expect(String(s.environment?.DATABASE_URL)).toContain('@pgbouncer:6432/');
      expect(s.environment?.DATABASE_PREPARED_STATEMENTS).toBe('false');
      expect(String(s.environment?.DATABASE_READ_URL)).toContain('@db-replica:5432/');
    }
  });

  it.runIf(spawnSync('haproxy', ['-v']).status === 0)('has a configuration HAProxy accepts', () => {
    const r = spawnSync('haproxy', ['-c', '-f', path.join(root, 'deploy/cluster/haproxy.cfg')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain('Configuration file is valid');
  });
});
