import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Contract check for the whole integration suite (issue 10 item 11): every response an integration
 * test receives must match what the served OpenAPI document declares for its route — the status is
 * declared, the content type is one of the declared ones, and a JSON body validates against the
 * declared schema. A mismatch makes the request's `inject` reject, so the test that made it fails.
 */
type Media = Record<string, { schema?: unknown }>;
type Operation = { responses?: Record<string, { content?: Media }> };
type Doc = { paths: Record<string, Record<string, Operation>> };

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
const mediaType = (header: unknown) =>
  String(header ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();

export function checkResponsesAgainstOpenApi(app: FastifyInstance): void {
  let doc: Doc | undefined;
  let ajv: Ajv2020 | undefined;
  const validators = new Map<string, ValidateFunction>();

  const validatorFor = (ref: string): ValidateFunction => {
    let v = validators.get(ref);
    if (!v) {
      v = ajv!.compile({ $ref: `openapi#/${ref}` });
      validators.set(ref, v);
    }
    return v;
  };

  /** Where each request was routed, by its raw request (light-my-request hands it back on the response). */
  const routed = new WeakMap<object, { route: string; method: string }>();
  app.addHook('onSend', async (req, _reply, payload) => {
    if (req.routeOptions.url) routed.set(req.raw, { route: req.routeOptions.url, method: req.method });
    return payload;
  });

  const check = (res: LightMyRequestResponse): string | undefined => {
    const seen = routed.get(res.raw.req);
    if (!seen || !seen.route.startsWith('/api/')) return undefined;
    doc ??= app.swagger() as unknown as Doc;
    if (!ajv) {
      ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats.default(ajv);
      ajv.addSchema(doc, 'openapi');
    }
    const path = seen.route.replace(/:(\w+)/g, '{$1}');
    const method = seen.method.toLowerCase();
    const op = doc.paths[path]?.[method === 'head' ? 'get' : method];
    if (!op) return undefined; // hidden from the document (the document itself, the docs UI)
    const status = String(res.statusCode);
    const responses = op.responses ?? {};
    const statusKey = [status, `${status[0]}XX`, 'default'].find((k) => k in responses);
    const where = `${seen.method} ${seen.route} → ${status}`;
    if (!statusKey) return `${where}: status not declared (declared: ${Object.keys(responses).join(', ')})`;
    const content = responses[statusKey]!.content ?? {};
    const type = mediaType(res.headers['content-type']);
    if (res.body === '' || method === 'head') return undefined;
    if (Object.keys(content).length === 0) return `${where}: a body was sent where none is declared`;
    const key = Object.keys(content).find((k) => mediaType(k) === type);
    if (!key)
      return `${where}: content type ${type || '(none)'} not declared (declared: ${Object.keys(content).join(', ')})`;
    if (type !== 'application/json' || !content[key]!.schema) return undefined;
    const ref = pointer('paths', path, method, 'responses', statusKey, 'content', key, 'schema');
    const validate = validatorFor(ref);
    if (validate(JSON.parse(res.body))) return undefined;
    return `${where}: body does not match the declared schema: ${ajv.errorsText(validate.errors)}`;
  };

  const inject = app.inject.bind(app);
  const checked = async (opts: InjectOptions | string) => {
    const res = await inject(opts);
    const mismatch = check(res);
    if (mismatch) throw new Error(`Response does not match the OpenAPI document: ${mismatch}`);
    return res;
  };
  // The chainable form (`app.inject().get(…)`) is left as it is; every test passes options.
  (app as { inject: unknown }).inject = (opts?: InjectOptions | string) =>
    opts === undefined ? inject() : checked(opts);
}
