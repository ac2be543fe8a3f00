import { describe, expect, it } from 'vitest';
import { assertServable, ConfigError, loadConfig } from '../../server/config.ts';

// Issue 10 item 2: links in mail come from PUBLIC_URL only, and TRUST_PROXY never trusts every hop.
describe('PUBLIC_URL', () => {
  it('is required to serve on DATABASE_URL, with a message that names it', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db.example:5432/samraad' });
    expect(c.publicUrl).toBeUndefined();
    expect(() => assertServable(c)).toThrow(ConfigError);
    expect(() => assertServable(c)).toThrow(/PUBLIC_URL: required with DATABASE_URL/);
  });

  it('defaults to http://localhost:PORT on the embedded database (the demo needs no config)', () => {
    const c = loadConfig({ PORT: '8123' });
    expect(c.publicUrl).toBe('http://localhost:8123');
    expect(() => assertServable(c)).not.toThrow();
  });

  it('is used as given, without a trailing slash, and must be http(s)', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://samraad.example.dk/' }).publicUrl).toBe('https://samraad.example.dk');
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://samraad.example.dk' })).toThrow(/PUBLIC_URL/);
  });
});

describe('TRUST_PROXY', () => {
  const tp = (v: string) => loadConfig({ TRUST_PROXY: v }).trustProxy;

  it('true is the one proxy in front, never every hop', () => {
    expect(tp('true')).toBe(1);
    expect(tp('false')).toBe(false);
    expect(tp('0')).toBe(false);
    expect(tp('2')).toBe(2);
  });

  it('takes a list of proxy addresses and CIDRs', () => {
    expect(tp('10.0.0.1, 172.16.0.0/12,::1,loopback')).toEqual(['10.0.0.1', '172.16.0.0/12', '::1', 'loopback']);
  });

  it.each(['yes', '10.0.0.0/33', 'proxy.example', '10.0.0.1,'])('refuses %j', (v) => {
    expect(() => tp(v)).toThrow(/TRUST_PROXY/);
  });
});
