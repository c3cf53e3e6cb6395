import { ConfigError } from '../shared/errors';

/** The Slack secrets the bot needs. Never logged, never put in a message. */
export interface SlackSecrets {
  readonly botToken: string;
  readonly signingSecret: string;
  /** Only for Socket Mode (local runs); never needed on Lambda. */
  readonly appToken?: string;
}

/** Where secrets come from: SSM Parameter Store in AWS, the environment locally. */
export interface SecretSource {
  slackSecrets(): Promise<SlackSecrets>;
}

/**
 * Secrets from environment variables, for local runs only (`SLACK_BOT_TOKEN`, `SLACK_SIGNING_SECRET`,
 * `SLACK_APP_TOKEN`). The deployed functions never use this source: see `SsmSecretSource`.
 */
export class EnvSecretSource implements SecretSource {
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  async slackSecrets(): Promise<SlackSecrets> {
    const botToken = this.env.SLACK_BOT_TOKEN?.trim();
    const signingSecret = this.env.SLACK_SIGNING_SECRET?.trim();
    if (!botToken)
      throw new ConfigError('SLACK_BOT_TOKEN is required to talk to Slack (a bot token, xoxb-...)');
    if (!botToken.startsWith('xoxb-'))
      throw new ConfigError('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
    const appToken = this.env.SLACK_APP_TOKEN?.trim();
    if (appToken !== undefined && appToken !== '' && !appToken.startsWith('xapp-')) {
      throw new ConfigError('SLACK_APP_TOKEN must be an app-level token starting with xapp-');
    }
    return {
      botToken,
      signingSecret: signingSecret ?? '',
      ...(appToken ? { appToken } : {}),
    };
  }
}
