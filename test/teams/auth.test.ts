import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSecretDeletion } from '../fixtures/cards';
import { anHttpApiEvent, anInvoke } from './support/activities';
import { startTeamsHarness, type TeamsHarness } from './support/harness';
import { channelClaims, unsignedJwt } from './support/identity-server';

/**
 * Every request to the bot must carry a Bot Framework token the SDK accepts: signed by a key from the
 * OpenID metadata's key set, issued by Bot Framework, for our app id, not expired, for the activity's
 * service URL. The keys come from a local OpenID endpoint serving a key pair made for this run.
 */
describe('Teams bot: inbound token validation', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness();
    await h.trail.createAlert(openSecretDeletion.finding, new Date('2026-11-20T14:01:10.000Z'));
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.connector.calls.length = 0;
  });

  const refresh = () =>
    anInvoke({
      serviceUrl: h.connector.serviceUrl,
      verb: 'refresh',
      data: { alertId: openSecretDeletion.id },
    });
  const send = (token: string | undefined, activity: unknown = refresh()) =>
    h.bot.handle(anHttpApiEvent(activity, token));
  const claims = (overrides: Record<string, unknown> = {}) =>
    channelClaims({ serviceUrl: h.connector.serviceUrl, overrides });

  it('accepts a click with a valid token and answers with the card', async () => {
    const result = await send(h.identity.sign(claims()));
    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body);
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(body.value.version).toBe('1.5');
    // The key came from the local OpenID endpoint: the SDK fetched the key set there.
    expect(h.identity.server.requests.some((r) => r.path === '/v1/.well-known/keys')).toBe(true);
  });

  it('accepts the audience forms the SDK documents (api://botid-<app id>)', async () => {
    const result = await send(h.identity.sign(claims({ aud: `api://botid-${claims().aud}` })));
    expect(result.statusCode).toBe(200);
  });

  it.each([
    ['a wrong audience', () => h.identity.sign(claims({ aud: '11111111-2222-4333-8444-555555555555' }))],
    ['a wrong issuer', () => h.identity.sign(claims({ iss: 'https://sts.evil.example' }))],
    [
      'an expired token',
      () => h.identity.sign(claims({ nbf: now() - 7200, iat: now() - 7200, exp: now() - 3600 })),
    ],
    ['an unsigned token (alg none)', () => unsignedJwt(claims())],
    ['a token signed by another key', () => h.identity.sign(claims(), { key: otherKey() })],
    [
      'a token for another service URL',
      () => h.identity.sign(claims({ serviceurl: 'https://smba.evil.example/' })),
    ],
    ['a garbage token', () => 'not-a-jwt'],
  ])('rejects %s with 401 and does nothing', async (_name, token) => {
    const result = await send(token());
    expect(result.statusCode).toBe(401);
    expect(h.connector.calls).toEqual([]);
  });

  it('rejects a request without an Authorization header with 401', async () => {
    expect((await send(undefined)).statusCode).toBe(401);
  });

  it('rejects an Entra-issued token although the SDK would route it to tenant validation', async () => {
    const result = await send(h.identity.sign(claims({ iss: `https://sts.windows.net/${'0'.repeat(8)}/` })));
    expect(result.statusCode).toBe(401);
    expect(h.logs).toContainEqual(
      expect.objectContaining({ message: 'teams request rejected', reason: 'issuer not accepted' }),
    );
  });

  it('answers 404 off the messaging endpoint and 400 for a body that is not JSON', async () => {
    const token = h.identity.sign(claims());
    expect((await h.bot.handle(anHttpApiEvent(refresh(), token, '/api/other'))).statusCode).toBe(404);
    const notJson = { ...anHttpApiEvent(refresh(), token), body: '{not json' };
    expect((await h.bot.handle(notJson)).statusCode).toBe(400);
  });

  it('never writes a token to the logs', async () => {
    const token = h.identity.sign(claims({ aud: 'wrong' }));
    await send(token);
    expect(JSON.stringify(h.logs)).not.toContain(token.split('.')[2]);
  });
});

const now = () => Math.floor(Date.now() / 1000);
const otherKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
