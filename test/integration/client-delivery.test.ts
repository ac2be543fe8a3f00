import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import viteConfig from '../../client/vite.config.ts';
import { precompressDir } from '../../client/vite.precompress.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

// Issue 10 item 21: hashed assets go out precompressed (brotli, else gzip) with a year's immutable
// caching, index.html revalidated, and no source maps in the build.

const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `høring ${i}`))};\n`;
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head>
<body>${'<p>Samråd</p>'.repeat(100)}</body></html>`;

describe('client delivery', () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), 'samraad-dist-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(path.join(dist, 'index.html'), INDEX);
    await writeFile(path.join(dist, 'assets', 'index-abc123.js'), SCRIPT);
    await writeFile(path.join(dist, 'assets', 'tiny-abc123.js'), 'export {};\n');
    await precompressDir(dist);
    t = await createTestApp({ CLIENT_DIST: dist });
  });
  afterAll(async () => {
    await t.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('builds without source maps and with the precompress plugin', () => {
    expect(viteConfig.build?.sourcemap).toBe(false);
    expect((viteConfig.plugins ?? []).flat().map((p) => (p && 'name' in p ? p.name : undefined))).toContain(
      'samraad-precompress',
    );
  });

  it('writes brotli and gzip copies that decompress to the file, and none for tiny files', async () => {
    const raw = await readFile(path.join(dist, 'assets', 'index-abc123.js'), 'utf8');
    expect(brotliDecompressSync(await readFile(path.join(dist, 'assets', 'index-abc123.js.br'))).toString()).toBe(raw);
    expect(gunzipSync(await readFile(path.join(dist, 'assets', 'index-abc123.js.gz'))).toString()).toBe(raw);
    await expect(readFile(path.join(dist, 'assets', 'tiny-abc123.js.br'))).rejects.toThrow();
  });

  it('sends a hashed asset as brotli with immutable caching', async () => {
    const res = await t.app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(Number(res.headers['content-length'])).toBeLessThan(SCRIPT.length / 3);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await t.app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    const plain = await t.app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('revalidates index.html, compressed too, on / and on a client route', async () => {
    for (const url of ['/', '/consultations/some-slug']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['content-security-policy'], url).toMatch(/default-src 'self'/);
      // No inline script or style anywhere (issue 15 item 5).
      expect(res.headers['content-security-policy'], url).toMatch(/script-src 'self';/);
      expect(res.headers['content-security-policy'], url).toMatch(/style-src 'self';/);
      expect(res.headers['content-security-policy'], url).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(INDEX);
    }
  });
});
