import { compileErrors, validate } from '@readme/openapi-parser';
import type * as FastifyModule from 'fastify';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, type TestApp } from '../helpers/app.ts';

// Every route the app registers, seen through an onRoute hook added the moment Fastify is created.
const registered = vi.hoisted(() => [] as RouteOptions[]);
vi.mock('fastify', async (importOriginal) => {
  const mod = await importOriginal<typeof FastifyModule>();
  const create = ((opts?: object) => {
    const app = mod.default(opts);
    app.addHook('onRoute', (route) => {
      registered.push(route);
    });
    return app;
  }) as unknown as typeof mod.default;
  return { ...mod, default: create, fastify: create };
});

type Operation = {
  security?: Record<string, string[]>[];
  summary?: string;
  tags?: string[];
  responses: Record<string, unknown>;
};
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
};
/**
 * The app, built with the Fastify above: the integration tests share one module graph per worker
 * (vitest.config.ts, `isolate: false`), where Fastify may have been loaded before this file's mock,
 * so the modules are loaded anew here, with the mock in place.
 */
async function helpers() {
  vi.resetModules();
  return import('../helpers/app.ts');
}
const createTestApp = async () => (await helpers()).createTestApp();

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('OpenAPI', () => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = json<Doc>(res);
  });
  afterAll(async () => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([m]) => METHODS.includes(m))
        .map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
  const apiRoutes = () =>
    registered
      .flatMap((r) =>
        (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({ method: String(method), route: r })),
      )
      .filter(({ method, route }) => method !== 'HEAD' && !(route.schema as { hide?: boolean } | undefined)?.hide)
      .map(({ method, route }) => ({ method, path: toOpenApiPath(route.url), route }));

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('lists every route the app registers, and nothing else', () => {
    const inApp = apiRoutes()
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    const inDoc = operations()
      .map((o) => `${o.method} ${o.path}`)
      .sort();
    expect(inApp.length).toBeGreaterThanOrEqual(20);
    expect(inDoc).toEqual(inApp);
    for (const expected of [
      'GET /api/health',
      'GET /api/ready',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'GET /api/auth/me',
      'GET /api/consultations',
      'GET /api/consultations/{id}',
      'GET /api/consultations/{id}/scenarios',
      'GET /api/scenarios/{id}',
      'GET /api/audit',
      'GET /api/accounts',
    ]) {
      expect(inDoc).toContain(expected);
    }
  });

  it('declares security on every non-GET route, and the session on every route with a role check', () => {
    const byKey = new Map(apiRoutes().map((r) => [`${r.method} ${r.path}`, r.route]));
    const undeclared: string[] = [];
    const guardedWithoutSession: string[] = [];
    for (const { path, method, op } of operations()) {
      const guarded = byKey.get(`${method} ${path}`)!.preHandler !== undefined;
      if (method !== 'GET' && op.security === undefined) undeclared.push(`${method} ${path}`);
      if (guarded && !op.security?.some((s) => 'session' in s)) guardedWithoutSession.push(`${method} ${path}`);
    }
    expect(undeclared).toEqual([]);
    expect(guardedWithoutSession).toEqual([]);
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'samraad_session',
    });
  });

  it('gives every operation a summary, a tag, a success response and its error responses', () => {
    const byKey = new Map(apiRoutes().map((r) => [`${r.method} ${r.path}`, r.route]));
    const problems: string[] = [];
    for (const { path, method, op } of operations()) {
      const key = `${method} ${path}`;
      const route = byKey.get(key)!;
      const schema = (route.schema ?? {}) as Record<string, unknown>;
      const codes = Object.keys(op.responses);
      if (!op.summary) problems.push(`${key}: no summary`);
      if (!op.tags?.length) problems.push(`${key}: no tag`);
      // A browser flow's step (the identity providers' redirects, issue 15) succeeds with a 302.
      if (!codes.some((c) => c.startsWith('2') || c === '302')) problems.push(`${key}: no success response`);
      // Validated input can be refused with a 400; a role check with a 401.
      if ((schema.body || schema.params || schema.querystring) && !codes.includes('400'))
        problems.push(`${key}: no 400`);
      if (route.preHandler && !codes.includes('401')) problems.push(`${key}: no 401`);
    }
    expect(problems).toEqual([]);
  });

  it('describes request bodies from the zod schemas', () => {
    const create = doc.paths['/api/consultations']!.post as unknown as {
      requestBody: {
        content: Record<string, { schema: { required: string[]; properties: { itStage: { enum: string[] } } } }>;
      };
    };
    const schema = create.requestBody.content['application/json']!.schema;
    expect(schema.required).toEqual(expect.arrayContaining(['slug', 'title']));
    expect(schema.properties.itStage.enum).toEqual(['idea', 'analysis', 'procurement', 'completion', 'realisation']);
  });
});

describe('API docs UI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  async function fetchFollowing(url: string) {
    let res = await t.app.inject({ url });
    for (let i = 0; i < 3 && res.statusCode >= 300 && res.statusCode < 400; i++) {
      url = new URL(String(res.headers.location), `http://localhost${url}`).pathname;
      res = await t.app.inject({ url });
    }
    return { res, url };
  }

  it('serves HTML at /api/docs that loads nothing from another host', async () => {
    const { res, url } = await fetchFollowing('/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const html = res.body;
    const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref, ref).not.toMatch(/^(https?:)?\/\//i);
      const asset = await t.app.inject({ url: new URL(ref, `http://localhost${url}`).pathname });
      expect(asset.statusCode, ref).toBe(200);
      expect(asset.body, ref).not.toMatch(/\b(?:src|href|url)\s*[=:(]\s*["']?https?:\/\/(?!localhost)[a-z]/i);
    }
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?https?:/i);
  });

  it('is served under a policy without inline script or style (issue 15 item 5)', async () => {
    const { res } = await fetchFollowing('/api/docs');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle="/i);
  });

  it('points the UI at this server’s own document', async () => {
    const { res: page, url } = await fetchFollowing('/api/docs');
    const src = /src="([^"]*swagger-initializer\.js)"/.exec(page.body)?.[1];
    expect(src).toBeDefined();
    const res = await t.app.inject({ url: new URL(src!, `http://localhost${url}`).pathname });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("resolveUrl('./json')");
    expect(res.body).not.toMatch(/petstore/i);
    // No document, script or image from elsewhere (a URL in a code comment is harmless).
    expect(res.body.replace(/\/\/ .*$/gm, '')).not.toMatch(/https?:\/\//i);
    const spec = await t.app.inject({ url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
    expect(json<Doc>(spec).openapi).toBe('3.1.0');
  });
});
