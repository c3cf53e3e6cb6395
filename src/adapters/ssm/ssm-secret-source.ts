import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { SecretSource, SlackSecrets } from '../../config/secrets';
import { ConfigError } from '../../shared/errors';

/** The SSM parameter names (SecureString) that hold the Slack secrets. */
export interface SlackSecretParameters {
  readonly botToken: string;
  readonly signingSecret: string;
}

/**
 * Reads the Slack secrets from SSM Parameter Store (SecureString, decrypted with the function's KMS grant) in
 * one `GetParameters` call, and keeps them for `cacheMs` so a warm Lambda does not call SSM per request while a
 * rotated secret is still picked up within minutes.
 *
 * @example
 * const secrets = new SsmSecretSource(new SSMClient({}), { botToken: '/eks-audit-bot/slack/bot-token',
 *   signingSecret: '/eks-audit-bot/slack/signing-secret' }, () => Date.now());
 */
export class SsmSecretSource implements SecretSource {
  private cached: { value: SlackSecrets; at: number } | undefined;

  constructor(
    private readonly client: SSMClient,
    private readonly names: SlackSecretParameters,
    private readonly nowMs: () => number,
    private readonly cacheMs = 5 * 60_000,
  ) {}

  async slackSecrets(): Promise<SlackSecrets> {
    const now = this.nowMs();
    if (this.cached && now - this.cached.at < this.cacheMs) return this.cached.value;
    const result = await this.client.send(
      new GetParametersCommand({
        Names: [this.names.botToken, this.names.signingSecret],
        WithDecryption: true,
      }),
    );
    if (result.InvalidParameters && result.InvalidParameters.length > 0) {
      throw new ConfigError(`SSM parameters not found: ${result.InvalidParameters.join(', ')}`);
    }
    const byName = new Map((result.Parameters ?? []).map((p) => [p.Name, p.Value ?? '']));
    const value: SlackSecrets = {
      botToken: required(byName, this.names.botToken),
      signingSecret: required(byName, this.names.signingSecret),
    };
    this.cached = { value, at: now };
    return value;
  }
}

function required(values: Map<string | undefined, string>, name: string): string {
  const value = values.get(name);
  if (!value) throw new ConfigError(`SSM parameter ${name} is empty`);
  return value;
}
