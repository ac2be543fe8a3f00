import { createPrivateKey } from 'node:crypto';
import * as client from 'openid-client';
import type { EidBroker, StaffOidc } from '../../config.ts';
import { AppError } from '../../shared/errors.ts';

type Provider = Pick<
  EidBroker,
  'issuer' | 'clientId' | 'clientSecret' | 'privateKey' | 'privateKeyKid' | 'scope' | 'authParams' | 'userinfo'
>;

/**
 * openid-client (v6) for one provider: discovery once per process (a failed discovery is retried on
 * the next sign-in), authorization code with PKCE (S256), state and nonce; the client authenticates
 * with its secret or with private_key_jwt. ID tokens' signatures are checked against the provider's
 * JWKS (non-repudiation checks on), so a token signed by a wrong key is refused.
 */
export class OidcClient {
  #config: Promise<client.Configuration> | undefined;
  constructor(
    readonly provider: Provider,
    readonly redirectUri: string,
    private readonly allowHttp: boolean,
  ) {}

  private async auth(): Promise<client.ClientAuth> {
    const p = this.provider;
    if (p.clientSecret) return client.ClientSecretBasic(p.clientSecret);
    const jwk = createPrivateKey(p.privateKey!).export({ format: 'jwk' });
    const alg = jwk.kty === 'EC' ? 'ES256' : 'RS256';
    const key = await crypto.subtle.importKey(
      'jwk',
      jwk,
      jwk.kty === 'EC' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    return client.PrivateKeyJwt(p.privateKeyKid ? { key, kid: p.privateKeyKid } : key, {
      [client.modifyAssertion]: (header) => {
        header.alg = alg;
      },
    });
  }

  config(): Promise<client.Configuration> {
    this.#config ??= (async () => {
      const c = await client.discovery(
        new URL(this.provider.issuer),
        this.provider.clientId,
        { redirect_uris: [this.redirectUri] },
        await this.auth(),
        this.allowHttp ? { execute: [client.allowInsecureRequests] } : {},
      );
      client.enableNonRepudiationChecks(c);
      return c;
    })();
    this.#config.catch(() => {
      this.#config = undefined;
    });
    return this.#config;
  }

  async start(params: Record<string, string> = {}) {
    const config = await this.config().catch(() => {
      throw new AppError('UNAVAILABLE', 'The sign-in service cannot be reached; try again later');
    });
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.provider.scope,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...this.provider.authParams,
      ...params,
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code; returns the ID token's claims (and userinfo's, when configured). */
  async finish(
    currentUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<Record<string, unknown>> {
    const config = await this.config();
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims: Record<string, unknown> = { ...tokens.claims()! };
    if (this.provider.userinfo) {
      const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      Object.assign(claims, info, { sub: claims.sub });
    }
    return claims;
  }
}

export type { EidBroker, StaffOidc };
