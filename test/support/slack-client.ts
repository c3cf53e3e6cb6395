import { type Logger, LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import type { SlackServer } from './slack-server';

/**
 * A logger that keeps what the WebClient says, instead of printing it: tests that provoke errors on purpose
 * stay quiet, and can still assert on the warnings (for example "rate limited, will retry").
 */
export function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (...msg: unknown[]) => {
      lines.push(`${level} ${msg.map(String).join(' ')}`);
    };
  return {
    lines,
    debug: () => {},
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/**
 * The real WebClient, pointed at the fake server, quiet, with no retries unless the test asks for some.
 *
 * @example
 * const client = testWebClient(slack, { retryConfig: { retries: 2, minTimeout: 0 } });
 */
export function testWebClient(
  server: SlackServer,
  options: WebClientOptions = {},
  token = server.token,
): WebClient {
  return new WebClient(token, {
    slackApiUrl: server.apiUrl,
    retryConfig: { retries: 0 },
    logger: recordingLogger(),
    ...options,
  });
}
