import { createHmac } from 'node:crypto';

/**
 * Slack's request signing, done the way Slack does it
 * (https://docs.slack.dev/authentication/verifying-requests-from-slack): HMAC-SHA256 of
 * `v0:<timestamp>:<raw body>` with the app's signing secret, sent as `x-slack-signature: v0=<hex>` with
 * `x-slack-request-timestamp`. Receivers compare against the real clock, so timestamps are real time.
 */
export const TEST_SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

/** How a test request is signed: correctly, with another secret, not at all, or too long ago. */
export type Signing = 'valid' | 'forged' | 'unsigned' | 'expired';

/** `v0=<hex>` for `body` at `timestamp` (seconds). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The signature headers for `body` (none for `unsigned`). */
export function signatureHeaders(
  body: string,
  signing: Signing = 'valid',
  secret = TEST_SIGNING_SECRET,
): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  switch (signing) {
    case 'unsigned':
      return {};
    case 'forged':
      return {
        'x-slack-request-timestamp': String(now),
        'x-slack-signature': slackSignature('not-the-signing-secret', now, body),
      };
    case 'expired': {
      // Six minutes old: past the five minutes receivers accept, and correctly signed for that time.
      const then = now - 6 * 60;
      return {
        'x-slack-request-timestamp': String(then),
        'x-slack-signature': slackSignature(secret, then, body),
      };
    }
    case 'valid':
      return {
        'x-slack-request-timestamp': String(now),
        'x-slack-signature': slackSignature(secret, now, body),
      };
  }
}

/** An interaction payload as Slack posts it: form-encoded, in a `payload` field. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/**
 * An API Gateway HTTP API (payload 2.0) event for `POST /slack/events`. The body is base64-encoded, as API
 * Gateway does for form posts.
 */
export function apiGatewayEvent(body: string, headers: Record<string, string>) {
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...headers,
    },
    requestContext: {
      http: { method: 'POST', path: '/slack/events', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
      requestId: 'test-request',
      routeKey: 'POST /slack/events',
      stage: '$default',
    },
    body: Buffer.from(body, 'utf8').toString('base64'),
    isBase64Encoded: true,
  };
}
