import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { type LocalServer, startLocalServer } from './http';

/** The Bot Framework issuer every channel token carries. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
export const TEST_APP_ID = '00000000-0000-4000-8000-00000000b07a';
export const TEST_TENANT_ID = '00000000-0000-4000-8000-0000000071d1';
export const TEST_APP_PASSWORD = 'test-client-secret';

/**
 * Stands in for Microsoft's identity services in tests, on a local server:
 * - Bot Framework's OpenID metadata (`/v1/.well-known/openidconfiguration`) and its signing keys
 *   (`/v1/.well-known/keys`), with an RSA key pair made for the run; `sign` makes channel tokens with it;
 * - Entra's token endpoint (`/{tenant}/oauth2/v2.0/token`, client credentials), which hands the bot its own
 *   tokens and records that it asked.
 */
export interface IdentityServer {
  readonly server: LocalServer;
  /** Point `TEAMS_OPENID_METADATA_URL` here. */
  readonly openIdMetadataUrl: string;
  /** Point `TEAMS_LOGIN_ENDPOINT` here. */
  readonly loginEndpoint: string;
  /** The tokens the token endpoint has handed out, in order. */
  readonly issuedTokens: string[];
  /** A JWT signed with the server's key (header `kid` included), or with another key when `key` is given. */
  sign(claims: Record<string, unknown>, options?: { key?: KeyObject; kid?: string }): string;
  close(): Promise<void>;
}

const KID = 'test-signing-key';

/**
 * Starts the identity server.
 *
 * @example
 * const identity = await startIdentityServer();
 * const token = identity.sign(channelClaims({ serviceUrl }));
 */
export async function startIdentityServer(): Promise<IdentityServer> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...publicKey.export({ format: 'jwk' }),
    kid: KID,
    use: 'sig',
    alg: 'RS256',
    endorsements: ['msteams'],
  };
  const entraKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const issuedTokens: string[] = [];
  let base = '';
  const server = await startLocalServer((request) => {
    const path = request.path.split('?')[0];
    if (path === '/v1/.well-known/openidconfiguration') {
      return {
        status: 200,
        body: {
          issuer: BOT_FRAMEWORK_ISSUER,
          jwks_uri: `${base}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        },
      };
    }
    if (path === '/v1/.well-known/keys') return { status: 200, body: { keys: [jwk] } };
    if (request.method === 'POST' && path === `/${TEST_TENANT_ID}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(request.body);
      if (form.get('client_id') !== TEST_APP_ID || form.get('client_secret') !== TEST_APP_PASSWORD) {
        return {
          status: 401,
          body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret' },
        };
      }
      // A JWT, as Entra's are (the Teams SDK decodes the bot's token to read its expiry).
      const now = Math.floor(Date.now() / 1000);
      const token = signJwt(
        {
          aud: 'https://api.botframework.com',
          appid: TEST_APP_ID,
          tid: TEST_TENANT_ID,
          iat: now,
          exp: now + 3599,
          n: issuedTokens.length + 1,
        },
        entraKey,
        'entra-test-key',
      );
      issuedTokens.push(token);
      return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, access_token: token } };
    }
    return undefined;
  });
  base = server.url;
  return {
    server,
    openIdMetadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    loginEndpoint: base,
    issuedTokens,
    sign: (claims, options = {}) => signJwt(claims, options.key ?? privateKey, options.kid ?? KID),
    close: () => server.close(),
  };
}

/**
 * The claims of a Bot Framework channel token for our bot (as the Teams service sends them), valid for an
 * hour from now; override any of them.
 */
export function channelClaims(options: { serviceUrl: string; overrides?: Record<string, unknown> }) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: BOT_FRAMEWORK_ISSUER,
    aud: TEST_APP_ID,
    serviceurl: options.serviceUrl,
    nbf: now - 60,
    iat: now - 60,
    exp: now + 3600,
    ...options.overrides,
  };
}

/** RS256 compact JWS. */
export function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const header = encode({ alg: 'RS256', typ: 'JWT', kid });
  const payload = encode(claims);
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

/** An unsigned token (`alg: none`), the classic forgery. */
export function unsignedJwt(claims: Record<string, unknown>): string {
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
