import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackLambdaHandler } from '../../src/bot/lambda';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import { ConfigError } from '../../src/shared/errors';
import { aFinding } from '../support/builders';
import { type BotHarness, startBotHarness } from './support/harness';
import { aButtonClick } from './support/payloads';
import { TEST_SIGNING_SECRET } from './support/signed-requests';
import { type SsmServer, startSsmServer } from './support/ssm-server';

const validEnv = {
  TABLE_NAME: 'eks-audit-trail',
  SLACK_BOT_TOKEN_PARAM: '/eks-audit-bot/slack/bot-token',
  SLACK_SIGNING_SECRET_PARAM: '/eks-audit-bot/slack/signing-secret',
};

describe('Slack function: cold start', () => {
  it.each([
    ['TABLE_NAME', { ...validEnv, TABLE_NAME: undefined }, /TABLE_NAME: /],
    [
      'SLACK_BOT_TOKEN_PARAM',
      { ...validEnv, SLACK_BOT_TOKEN_PARAM: 'bot-token' },
      /SLACK_BOT_TOKEN_PARAM: must be an SSM parameter name/,
    ],
    [
      'ESCALATION_TOPIC_ARN',
      { ...validEnv, ESCALATION_TOPIC_ARN: 'escalations' },
      /ESCALATION_TOPIC_ARN: must be an SNS topic ARN/,
    ],
    [
      'AWS_LAMBDA_FUNCTION_NAME',
      { ...validEnv, AWS_LAMBDA_FUNCTION_NAME: 'arn:aws:lambda:us-east-1:123456789012:function:slack' },
      /AWS_LAMBDA_FUNCTION_NAME: must be a Lambda function name/,
    ],
    [
      'ACK_ALLOWED',
      { ...validEnv, ACK_ALLOWED: 'U0BOB, bob' },
      /ACK_ALLOWED\[1\] \("bob"\): expected a Slack user id/,
    ],
  ])('fails at once on a bad %s, naming the setting', (_setting, env, message) => {
    const build = () =>
      createSlackLambdaHandler({
        env,
        secrets: { slackSecrets: async () => ({ botToken: 'x', signingSecret: 'y' }) },
      });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(message);
  });
});

describe('Slack function: secrets from SSM', () => {
  let ssm: SsmServer;
  let bot: BotHarness;
  beforeAll(async () => {
    ssm = await startSsmServer({});
    bot = await startBotHarness({ ssm: ssm.client() });
  });
  afterAll(async () => {
    await bot.close();
    await ssm.close();
  });

  it('fails the invocation while a parameter is missing, then reads both once and keeps them for the warm function', async () => {
    const { alert, card } = await bot.postAlert(aFinding({ id: 'f-ssm-1' }));
    const click = aButtonClick({
      actionId: SlackActionIds.acknowledge,
      alertId: alert.id,
      ts: card.messageId,
    });

    // Started at cold start, before the parameters exist: that invocation fails (API Gateway answers 500).
    await expect(bot.post(click)).rejects.toThrow(
      'SSM parameters not found: /eks-audit-bot/test/slack/bot-token',
    );

    ssm.parameters.set('/eks-audit-bot/test/slack/bot-token', bot.slack.token);
    ssm.parameters.set('/eks-audit-bot/test/slack/signing-secret', TEST_SIGNING_SECRET);
    const callsBefore = ssm.calls.length;
    expect((await bot.post(click)).statusCode).toBe(200);
    await bot.post(
      aButtonClick({ actionId: SlackActionIds.acknowledge, alertId: 'f-other', ts: card.messageId }),
    );

    expect(ssm.calls.length - callsBefore).toBe(1);
    expect(ssm.calls.at(-1)).toEqual([
      '/eks-audit-bot/test/slack/bot-token',
      '/eks-audit-bot/test/slack/signing-secret',
    ]);
    expect((await bot.trail.getAlert(alert.id))?.status).toBe('acknowledged');
    expect(bot.logs.join('\n')).not.toContain(TEST_SIGNING_SECRET);
  });
});
