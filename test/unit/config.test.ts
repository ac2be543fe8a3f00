import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected loadConfig to throw');
}

describe('config', () => {
  it('has defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: './data',
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      logPretty: false,
      trustProxy: false,
      cookieSecure: 'auto',
      sessionTtlHours: 12,
      seedDemo: 'auto',
      adminEmail: undefined,
      adminPassword: undefined,
      bodyLimitBytes: 1024 * 1024,
      rateLimitLoginPerMinute: 10,
      clientDist: './dist/client',
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads and converts the variables it knows', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db.example:5432/samraad',
      PUBLIC_URL: 'https://samraad.example.dk',
      TRUST_PROXY: 'true',
      LOG_PRETTY: '1',
      SESSION_TTL_HOURS: '24',
      COOKIE_SECURE: 'true',
      ADMIN_EMAIL: 'root@agency.example',
      ADMIN_PASSWORD: 'a long enough password',
    });
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBe('postgres://u@db.example:5432/samraad');
    expect(c.trustProxy).toBe(1);
    expect(c.logPretty).toBe(true);
    expect(c.sessionTtlHours).toBe(24);
    expect(c.cookieSecure).toBe('true');
    expect(c.adminEmail).toBe('root@agency.example');
  });

  it('lists every bad variable in one error', () => {
    const err = errorOf({
      PORT: 'eighty',
      DATABASE_URL: 'not a url',
      LOG_LEVEL: 'loud',
      SESSION_TTL_HOURS: '0',
      TRUST_PROXY: 'yes',
    });
    expect(err.message).toMatch(/^Invalid environment:/);
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'SESSION_TTL_HOURS', 'TRUST_PROXY']) {
      expect(err.message).toContain(`  ${name}:`);
    }
  });

  it('refuses ADMIN_EMAIL without ADMIN_PASSWORD', () => {
    expect(errorOf({ ADMIN_EMAIL: 'root@agency.example' }).message).toContain(
      'ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
    );
  });

  it('refuses ADMIN_PASSWORD without ADMIN_EMAIL', () => {
    expect(errorOf({ ADMIN_PASSWORD: 'a long enough password' }).message).toContain('must be set together');
  });

  it('refuses a short ADMIN_PASSWORD', () => {
    expect(errorOf({ ADMIN_EMAIL: 'root@agency.example', ADMIN_PASSWORD: 'short' }).message).toContain(
      'ADMIN_PASSWORD:',
    );
  });

  it('does not echo secret values in the error', () => {
    const err = errorOf({ ADMIN_EMAIL: 'root@agency.example', ADMIN_PASSWORD: 'sekret', PORT: 'x' });
    expect(err.message).not.toContain('sekret');
  });
});
