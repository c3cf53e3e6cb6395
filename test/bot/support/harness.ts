import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoAuditTrail } from '../../../src/adapters/dynamodb/audit-trail';
import { SlackCardPublisher } from '../../../src/adapters/slack/slack-card-publisher';
import { createSlackLambdaHandler, type SlackLambdaHandler } from '../../../src/bot/lambda';
import type { SecretSource } from '../../../src/config/secrets';
import type { Finding } from '../../../src/finding/schema';
import type { Alert, PostedMessage } from '../../../src/triage/model';
import { aFinding } from '../../support/builders';
import { startTestDynamo, type TestDynamo } from '../../support/dynamo';
import { testWebClient } from '../../support/slack-client';
import { type SlackServer, startSlackServer } from '../../support/slack-server';
import { testSnsClient } from '../../support/sns-client';
import { type SnsServer, startSnsServer } from '../../support/sns-server';
import { alice, bob, carol, type TestUser } from './payloads';
import {
  apiGatewayEvent,
  interactionBody,
  type Signing,
  signatureHeaders,
  TEST_SIGNING_SECRET,
} from './signed-requests';

/** The fixed time of every response the tests record. */
export const NOW = new Date('2026-11-20T14:02:00.000Z');

/**
 * The Slack function as deployed, minus AWS: the real `createSlackLambdaHandler` (AwsLambdaReceiver, Bolt,
 * the listeners, the triage service, the DynamoDB trail, the SNS publisher, the Slack WebClient), with
 * DynamoDB as dynalite, SNS and Slack's Web API as local servers, and the secrets injected (SSM is the only
 * thing not exercised here; see lambda-cold-start.test.ts).
 */
export interface BotHarness {
  readonly dynamo: TestDynamo;
  readonly slack: SlackServer;
  readonly sns: SnsServer;
  readonly trail: DynamoAuditTrail;
  readonly handler: SlackLambdaHandler;
  /** Log lines the function wrote. */
  readonly logs: string[];
  /** Posts an interaction payload through the handler as API Gateway would; returns its response. */
  post(payload: unknown, signing?: Signing): Promise<{ statusCode: number; body: string }>;
  /** Stores an alert and posts its card to #alerts, as the notifier does. */
  postAlert(finding?: Finding): Promise<{ alert: Alert; card: PostedMessage }>;
  close(): Promise<void>;
}

/** Harness settings: the allow-lists, extra workspace users, whether escalations have somewhere to go. */
export interface BotHarnessOptions {
  readonly env?: Record<string, string>;
  readonly users?: readonly TestUser[];
  readonly userGroups?: Record<string, readonly string[]>;
  readonly escalations?: boolean;
  /** Read the secrets from SSM through this client (the real `SsmSecretSource`) instead of injecting them. */
  readonly ssm?: SSMClient;
  /** Lambda's Invoke API, for `/eks-audit report`'s hand-over (with `AWS_LAMBDA_FUNCTION_NAME` in `env`). */
  readonly lambda?: LambdaClient;
}

/** Starts everything; `close()` stops it all. */
export async function startBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const [dynamo, slack, sns] = await Promise.all([
    startTestDynamo(),
    startSlackServer({
      channels: ['C0ALERTS', 'C0ESCALATE'],
      users: [alice, bob, carol, ...(options.users ?? [])],
      userGroups: options.userGroups ?? {},
    }),
    startSnsServer({ topics: ['eks-audit-escalations'] }),
  ]);
  const escalations = options.escalations ?? true;
  const env: Record<string, string> = {
    TABLE_NAME: dynamo.tableName,
    SLACK_BOT_TOKEN_PARAM: '/eks-audit-bot/test/slack/bot-token',
    SLACK_SIGNING_SECRET_PARAM: '/eks-audit-bot/test/slack/signing-secret',
    SLACK_API_URL: slack.apiUrl,
    AWS_REGION: 'us-east-1',
    ...(escalations ? { ESCALATION_TOPIC_ARN: sns.topicArn, ESCALATION_CHANNEL: 'C0ESCALATE' } : {}),
    ...options.env,
  };
  const secrets: SecretSource = {
    slackSecrets: async () => ({ botToken: slack.token, signingSecret: TEST_SIGNING_SECRET }),
  };
  const logs: string[] = [];
  const handler = createSlackLambdaHandler({
    env,
    ...(options.ssm ? { ssm: options.ssm } : { secrets }),
    dynamo: dynamo.client,
    sns: testSnsClient(sns.endpoint),
    ...(options.lambda ? { lambda: options.lambda } : {}),
    clock: () => NOW,
    writeLog: (line) => logs.push(line),
  });
  const trail = new DynamoAuditTrail({ client: dynamo.client, tableName: dynamo.tableName });
  const publisher = new SlackCardPublisher(testWebClient(slack));

  return {
    dynamo,
    slack,
    sns,
    trail,
    handler,
    logs,
    post: async (payload, signing = 'valid') => {
      const body = interactionBody(payload);
      const response = await handler(apiGatewayEvent(body, signatureHeaders(body, signing)), {});
      return { statusCode: response.statusCode, body: response.body };
    },
    postAlert: async (finding = aFinding()) => {
      const { alert } = await trail.createAlert(finding, new Date('2026-11-20T14:01:10.000Z'));
      const card = await publisher.post(alert, { channel: 'C0ALERTS' });
      const stored = await trail.recordMessage(alert.id, card);
      if (!stored.ok) throw new Error(`card not recorded: ${stored.reason}`);
      return { alert: stored.alert, card };
    },
    close: async () => {
      await Promise.all([dynamo.close(), slack.close(), sns.close()]);
    },
  };
}

/** The texts of the ephemeral replies posted to response URLs, in order. */
export function ephemeralReplies(slack: SlackServer): string[] {
  return slack.callsTo('response_url').map((call) => String(call.args.text ?? ''));
}
