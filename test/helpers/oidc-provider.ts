import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/**
 * An in-process OpenID Connect provider (oidc-provider) for the identity tests (issue 15). It plays
 * a MitID broker shaped like Signaturgruppen's Nets eID Broker (flat `mitid.*` and `nemlogin.*`
 * claims, `loa` as `https://data.gov.dk/concept/core/nsis/Substantial`) for client `neb` (client
 * secret), like Idura (`uuid`, OIOSAML-style `…/nsis/loa/…`) for client `idura` (private_key_jwt),
 * and the agency's staff provider with a `groups` claim for client `staff`.
 *
 * Who signs in is chosen by the test: `op.next = persona` before following the redirect; the
 * interaction is then finished at once. In a browser the interaction page is a small form with
 * one button per persona (keyboard-usable), so the browser journey clicks a test MitID.
 */
export type Persona =
  | { kind: 'mitid'; uuid: string; name: string; loa: 'Low' | 'Substantial' | 'High' }
  | { kind: 'erhverv'; uuid: string; name: string; loa: 'Low' | 'Substantial'; cvr: string; orgName: string }
  | { kind: 'staff'; sub: string; email: string; name: string; groups: string[] };

export type TestOp = {
  issuer: string;
  /** Who the next interaction signs in (kept until changed). */
  next: Persona;
  /** Lifetime of an authorization code (s). */
  codeTtl: number;
  /** Serve a different key under the same key id (a token "signed by the wrong key"). */
  rogueJwks: boolean;
  /** Env for the app: EID_BROKERS (neb + idura) and STAFF_OIDC against this provider. */
  env: Record<string, string>;
  personas: Record<string, Persona>;
  close: () => Promise<void>;
};

const NSIS = 'https://data.gov.dk/concept/core/nsis';

function rsaJwk(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateJwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

export const PERSONAS = {
  anna: { kind: 'mitid', uuid: 'a1b2c3d4-0000-4000-8000-00000000a001', name: 'Anna Andersen', loa: 'Substantial' },
  lowLars: { kind: 'mitid', uuid: 'a1b2c3d4-0000-4000-8000-00000000a002', name: 'Lars Lav', loa: 'Low' },
  highHanne: { kind: 'mitid', uuid: 'a1b2c3d4-0000-4000-8000-00000000a003', name: 'Hanne Høj', loa: 'High' },
  erhverv: {
    kind: 'erhverv',
    uuid: 'a1b2c3d4-0000-4000-8000-00000000e001',
    name: 'Erik Erhverv',
    loa: 'Substantial',
    cvr: '12345678',
    orgName: 'Eksempel ApS',
  },
  staffAnalyst: {
    kind: 'staff',
    sub: 'staff-analyst-1',
    email: 'sso-analyst@agency.example',
    name: 'Sara SSO',
    groups: ['samraad-analysts'],
  },
  staffNobody: {
    kind: 'staff',
    sub: 'staff-none',
    email: 'nobody@agency.example',
    name: 'No Group',
    groups: ['other'],
  },
} satisfies Record<string, Persona>;

/** Claims in the shape each client's broker sends; a CPR number is sent too, and must be dropped by Samråd. */
function claimsFor(clientId: string, p: Persona): Record<string, unknown> {
  if (p.kind === 'staff') return { sub: p.sub, email: p.email, name: p.name, groups: p.groups };
  const sub = `pseudo-${clientId}-${p.uuid}`;
  if (clientId === 'idura') {
    return {
      sub,
      uuid: p.uuid,
      name: p.name,
      loa: `${NSIS}/loa/${p.loa}`,
      cprNumberIdentifier: '0101701234',
      ...(p.kind === 'erhverv' ? { cvr: p.cvr, orgName: p.orgName } : {}),
    };
  }
  return {
    sub,
    idp: p.kind === 'erhverv' ? 'mitid_erhverv' : 'mitid',
    identity_type: p.kind === 'erhverv' ? 'professional' : 'private',
    loa: `${NSIS}/${p.loa}`,
    'mitid.uuid': p.uuid,
    'mitid.identity_name': p.name,
    'dk.cpr': '0101701234',
    ...(p.kind === 'erhverv' ? { 'nemlogin.cvr': p.cvr, 'nemlogin.org_name': p.orgName, 'nemlogin.name': p.name } : {}),
  };
}

export async function startTestOp(opts: { publicUrl?: string } = {}): Promise<TestOp> {
  const publicUrl = opts.publicUrl ?? 'http://localhost:3000';
  const signing = rsaJwk('op-key-1');
  const rogue = rsaJwk('op-key-1');
  const iduraKey = rsaJwk('idura-client-1');
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cb = (p: string) => `${publicUrl}/api/identity/callback/${p}`;

  const state = {
    next: PERSONAS.anna as Persona,
    codeTtl: 60,
    rogueJwks: false,
  };
  const accounts = new Map<string, Persona>();

  const configuration: Configuration = {
    clients: [
      {
        client_id: 'neb',
        client_secret: 'neb-secret-for-tests-only',
        redirect_uris: [cb('neb')],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: 'idura',
        redirect_uris: [cb('idura')],
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'RS256',
        jwks: { keys: [iduraKey.publicJwk as never] },
      },
      {
        client_id: 'staff',
        client_secret: 'staff-secret-for-tests-only',
        redirect_uris: [cb('staff')],
      },
    ],
    jwks: { keys: [signing.privateJwk as never] },
    claims: {
      openid: ['sub', 'loa', 'idp', 'identity_type', 'uuid', 'name', 'cvr', 'orgName', 'cprNumberIdentifier'],
      mitid: ['mitid.uuid', 'mitid.identity_name'],
      nemlogin: ['nemlogin.cvr', 'nemlogin.org_name', 'nemlogin.name'],
      ssn: ['dk.cpr'],
      email: ['email'],
      profile: ['name'],
      groups: ['groups'],
    },
    scopes: ['openid', 'mitid', 'nemlogin', 'ssn', 'email', 'profile', 'groups'],
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: () => state.codeTtl,
      Session: 600,
      Interaction: 600,
      Grant: 600,
      IdToken: 300,
      AccessToken: 600,
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-op-cookie-key'] },
    findAccount: async (ctx, id) => {
      const persona = accounts.get(id);
      if (!persona) return undefined;
      return {
        accountId: id,
        claims: async () => claimsFor(ctx.oidc.client?.clientId ?? '', persona) as { sub: string },
      };
    },
  };
  const provider = new Provider(issuer, configuration);

  async function finishInteraction(req: IncomingMessage, res: ServerResponse, persona: Persona) {
    const details = await provider.interactionDetails(req, res);
    const accountId = randomUUID();
    accounts.set(accountId, persona);
    const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  const personaKeys = Object.keys(PERSONAS) as (keyof typeof PERSONAS)[];
  const callback = provider.callback();
  server.on('request', (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      if (state.rogueJwks && url.pathname === '/jwks') {
        res.setHeader('content-type', 'application/jwk-set+json');
        res.end(JSON.stringify({ keys: [rogue.publicJwk] }));
        return;
      }
      const m = /^\/interaction\/([^/]+)(\/choose)?$/.exec(url.pathname);
      if (m && req.method === 'GET' && !m[2]) {
        // The test tool's page: one button per persona, or straight on when the test chose `next`.
        if (url.searchParams.get('auto') !== '0' && req.headers['x-test-auto'] === '1') {
          await finishInteraction(req, res, state.next);
          return;
        }
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<!doctype html><html lang="en"><head><title>Test MitID</title></head><body><main>
<h1>Test MitID</h1><form method="post" action="/interaction/${m[1]}/choose">
${personaKeys.map((k) => `<button type="submit" name="persona" value="${k}">${PERSONAS[k].name}</button>`).join('\n')}
</form></main></body></html>`);
        return;
      }
      if (m && req.method === 'POST' && m[2]) {
        let body = '';
        for await (const chunk of req) body += String(chunk);
        const key = new URLSearchParams(body).get('persona') as keyof typeof PERSONAS | null;
        await finishInteraction(req, res, key && key in PERSONAS ? PERSONAS[key] : state.next);
        return;
      }
      void callback(req, res);
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });

  const brokers = [
    {
      id: 'neb',
      label: 'MitID',
      issuer,
      clientId: 'neb',
      clientSecret: 'neb-secret-for-tests-only',
      scope: 'openid mitid nemlogin',
      authParams: { idp_values: 'mitid' },
      claims: {
        subject: 'mitid.uuid',
        name: 'mitid.identity_name',
        loa: 'loa',
        cvr: 'nemlogin.cvr',
        orgName: 'nemlogin.org_name',
      },
    },
    {
      id: 'idura',
      label: 'MitID (Idura)',
      issuer,
      clientId: 'idura',
      privateKey: iduraKey.privatePem,
      privateKeyKid: 'idura-client-1',
      scope: 'openid',
      claims: { subject: 'uuid', name: 'name', loa: 'loa', cvr: 'cvr', orgName: 'orgName' },
    },
  ];
  const staff = {
    issuer,
    clientId: 'staff',
    clientSecret: 'staff-secret-for-tests-only',
    scope: 'openid email profile groups',
    groupsClaim: 'groups',
    roles: { 'samraad-analysts': ['analyst'], 'samraad-admins': ['admin'] },
  };

  const op: TestOp = {
    issuer,
    get next() {
      return state.next;
    },
    set next(p: Persona) {
      state.next = p;
    },
    get codeTtl() {
      return state.codeTtl;
    },
    set codeTtl(s: number) {
      state.codeTtl = s;
    },
    get rogueJwks() {
      return state.rogueJwks;
    },
    set rogueJwks(v: boolean) {
      state.rogueJwks = v;
    },
    env: {
      EID_BROKERS: JSON.stringify(brokers),
      STAFF_OIDC: JSON.stringify(staff),
      OIDC_ALLOW_HTTP: 'true',
    },
    personas: PERSONAS,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  return op;
}

/**
 * Follows the browser's redirects from Samråd's start URL through the provider (with the provider's
 * cookies) until the provider sends the browser back to Samråd; returns that callback URL.
 */
export async function walkProvider(startUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = startUrl;
  for (let i = 0; i < 10; i++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-test-auto': '1',
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = pair!.split('=');
      jar.set(k!.trim(), v.join('='));
    }
    const loc = res.headers.get('location');
    if (!loc) throw new Error(`provider stopped at ${url}: ${res.status} ${await res.text()}`);
    const next = new URL(loc, url);
    if (next.pathname.startsWith('/api/identity/callback/')) return next;
    url = next.href;
  }
  throw new Error('too many redirects at the provider');
}
