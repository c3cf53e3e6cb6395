import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import presets from '../../deploy/filter-patterns.json';
import { lambdaEnv } from '../../scripts/lambda-env';
import { type PackagedService, packageService } from '../../scripts/package-service';
import { ssmParameterArn } from '../../scripts/template-check/grants';
import { checkTemplate } from '../../scripts/template-check/index';
import { type CloudFormationTemplate, prop, resolveConditions } from '../../scripts/template-check/template';
import { extractZip, readZip } from '../../scripts/zip';

/*
 * Packages serverless.yml for real (osls + serverless-esbuild, offline, no AWS credentials) three times, in
 * parallel: the `test` stage's defaults (with the Teams function, `teamsAppId` being set there), a variant with
 * every optional parameter set, and a Slack-only stage without `teamsAppId`. Then checks the generated
 * CloudFormation with checkTemplate, and shows that checkTemplate fails when a promise is broken.
 */

const account = '123456789012';
/** The variant's rules file: one rule, so a finding shows which rule set the packaged function runs. */
const teamRules =
  'version: 1\nrules:\n  - id: team-exec\n    title: Exec\n    severity: low\n    condition: { resources: [pods/exec] }\n';
const variantParams = {
  botName: 'audit-bot',
  logGroups: '/aws/eks/prod-eu/cluster',
  filterPattern: 'seed',
  findingsTopicArn: `arn:aws:sns:us-east-1:${account}:existing-alerts`,
  snsKmsKeyArn: `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  secretsKmsKeyArn: `arn:aws:kms:us-east-1:${account}:key/abcd1234-ab12-cd34-ef56-abcdef123456`,
  alarmTopicArn: `arn:aws:sns:us-east-1:${account}:ops-alarms`,
  accountId: account,
  escalationChannel: 'C0ESCALATE',
  rulesFile: 'rules/team.yaml',
  teamsDefaultConversation: '19:example0alerts@thread.tacv2',
};
/** Another stage, whose parameters have no `teamsAppId`: no Teams function. */
const slackOnlyParams = { logGroups: '/aws/eks/slack-only/cluster', slackDefaultChannel: 'C0EXAMPLE' };

const defaults = {
  filterPattern: presets.broad.pattern,
  logGroups: ['/aws/eks/example-a/cluster', '/aws/eks/example-b/cluster'],
  teams: true,
};
const variantExpectations = {
  filterPattern: presets.seed.pattern,
  logGroups: [variantParams.logGroups],
  alarmTopicArn: variantParams.alarmTopicArn,
  teams: true,
};
const slackOnlyExpectations = {
  filterPattern: presets.broad.pattern,
  logGroups: [slackOnlyParams.logGroups],
  teams: false,
};

let packaged: PackagedService;
let variant: PackagedService;
let slackOnly: PackagedService;

beforeAll(async () => {
  [packaged, variant, slackOnly] = await Promise.all([
    packageService({ stage: 'test' }),
    packageService({ stage: 'test', params: variantParams, files: { [variantParams.rulesFile]: teamRules } }),
    packageService({ stage: 'dev', params: slackOnlyParams }),
  ]);
  console.log(
    `osls package: ${packaged.seconds.toFixed(1)} s (test stage), ${variant.seconds.toFixed(1)} s (variant), ` +
      `${slackOnly.seconds.toFixed(1)} s (Slack only), in parallel`,
  );
}, 240_000);

afterAll(async () => {
  await Promise.all([packaged?.cleanup(), variant?.cleanup(), slackOnly?.cleanup()]);
});

describe('the packaged CloudFormation template', () => {
  it('keeps every promise with the test stage’s parameters (two clusters, the broad filter)', () => {
    expect(checkTemplate(packaged.template, defaults)).toEqual([]);
  });

  it('keeps every promise with an existing topic, customer-managed keys, the seed filter and an alarm topic', () => {
    expect(checkTemplate(variant.template, variantExpectations)).toEqual([]);
  });

  it('keeps every promise without teamsAppId: no Teams function, route, role, alarm or notifier grant', () => {
    expect(checkTemplate(slackOnly.template, slackOnlyExpectations)).toEqual([]);
    const resolved = resolveConditions(slackOnly.template);
    expect(Object.keys(resolved.Resources).filter((id) => /Teams|ApiMessages/.test(id))).toEqual([]);
    expect(Object.keys(resolved.Outputs ?? {})).not.toContain('TeamsMessagingEndpoint');
    const notifierEnv = prop(
      resolved.Resources.NotifierLambdaFunction,
      'Properties',
      'Environment',
      'Variables',
    );
    expect(Object.keys(notifierEnv as object).filter((name) => name.startsWith('TEAMS_'))).toEqual([]);
    expect(JSON.stringify(resolved.Resources.NotifierRole)).not.toContain('teams');
    // Nor does the Slack function update Teams cards: no Teams setting, no grant on the client secret.
    const slackEnv = prop(resolved.Resources.SlackLambdaFunction, 'Properties', 'Environment', 'Variables');
    expect(Object.keys(slackEnv as object).filter((name) => name.startsWith('TEAMS_'))).toEqual([]);
    expect(JSON.stringify(resolved.Resources.SlackRole)).not.toContain('teams');
    // Asked for Teams, the same template is missing it.
    expect(checkTemplate(slackOnly.template, { ...slackOnlyExpectations, teams: true })).toContainEqual(
      expect.objectContaining({ code: 'FUNCTION_MISSING', where: 'TeamsLambdaFunction' }),
    );
  });

  it('with teamsAppId, deploys the Teams function behind POST /api/messages and gives the notifier its settings', () => {
    const resolved = resolveConditions(variant.template);
    const teamsEnv = prop(resolved.Resources.TeamsLambdaFunction, 'Properties', 'Environment', 'Variables');
    expect(teamsEnv).toMatchObject({
      TEAMS_APP_ID: '00000000-0000-4000-8000-00000000e1a0',
      TEAMS_APP_PASSWORD_PARAM: '/audit-bot/test/teams/app-password',
      // The Slack function's bot token, for the Slack cards a Teams response updates.
      SLACK_BOT_TOKEN_PARAM: '/audit-bot/test/slack/bot-token',
      ESCALATION_TOPIC_ARN: { Ref: 'EscalationTopic' },
    });
    expect(teamsEnv).not.toHaveProperty('SLACK_SIGNING_SECRET_PARAM');
    const notifierEnv = prop(
      resolved.Resources.NotifierLambdaFunction,
      'Properties',
      'Environment',
      'Variables',
    );
    expect(notifierEnv).toMatchObject({
      TEAMS_APP_ID: '00000000-0000-4000-8000-00000000e1a0',
      TEAMS_TENANT_ID: '00000000-0000-4000-8000-00000000e1a1',
      TEAMS_APP_PASSWORD_PARAM: '/audit-bot/test/teams/app-password',
      TEAMS_DEFAULT_CONVERSATION: variantParams.teamsDefaultConversation,
    });
    expect(prop(resolved.Outputs?.TeamsMessagingEndpoint, 'Value')).toBeDefined();
  });

  it('with teamsAppId, lets the Slack function update Teams cards: the Teams settings and the client secret alone, through SSM', () => {
    const resolved = resolveConditions(variant.template);
    const slackEnv = prop(resolved.Resources.SlackLambdaFunction, 'Properties', 'Environment', 'Variables');
    expect(slackEnv).toMatchObject({
      TEAMS_APP_ID: '00000000-0000-4000-8000-00000000e1a0',
      TEAMS_TENANT_ID: '00000000-0000-4000-8000-00000000e1a1',
      TEAMS_APP_PASSWORD_PARAM: '/audit-bot/test/teams/app-password',
    });
    const slackRole = prop(
      resolved.Resources.SlackRole,
      'Properties',
      'Policies',
      '0',
      'PolicyDocument',
      'Statement',
    );
    const bySid = (sid: string) =>
      (slackRole as unknown[]).find((statement) => prop(statement, 'Sid') === sid);
    const secretArn = ssmParameterArn('/audit-bot/test/teams/app-password');
    expect(bySid('TeamsSecret')).toEqual({
      Sid: 'TeamsSecret',
      Effect: 'Allow',
      Action: 'ssm:GetParameter',
      Resource: secretArn,
    });
    expect(bySid('TeamsSecretKeyViaSsm')).toMatchObject({
      Action: 'kms:Decrypt',
      Resource: variantParams.secretsKmsKeyArn,
      Condition: {
        StringEquals: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
          'kms:ViaService': { 'Fn::Sub': 'ssm.${AWS::Region}.amazonaws.com' },
          'kms:EncryptionContext:PS_ARN': [secretArn],
        },
      },
    });
  });

  it('uses the existing findings topic given by ARN and creates none', () => {
    const resolved = resolveConditions(variant.template);
    expect(resolved.Resources.FindingsTopic).toBeUndefined();
    const env = prop(resolved.Resources.IngestLambdaFunction, 'Properties', 'Environment', 'Variables');
    expect(prop(env, 'FINDINGS_TOPIC_ARN')).toBe(variantParams.findingsTopicArn);
    expect(prop(resolved.Resources.NotifierFindingsSubscription, 'Properties', 'TopicArn')).toBe(
      variantParams.findingsTopicArn,
    );
  });

  it('lets the publishers use a customer-managed topic key, through SNS only', () => {
    const resolved = resolveConditions(variant.template);
    const statements = prop(
      resolved.Resources.IngestRole,
      'Properties',
      'Policies',
      '0',
      'PolicyDocument',
      'Statement',
    );
    const keyStatement = (statements as unknown[]).find((s) => prop(s, 'Sid') === 'TopicKeyViaSns');
    expect(keyStatement).toMatchObject({
      Resource: variantParams.snsKmsKeyArn,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
      Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Sub': 'sns.${AWS::Region}.amazonaws.com' } } },
    });
    expect(prop(resolved.Resources.FindingsTopic, 'Properties')).toBeUndefined();
    expect(prop(resolved.Resources.EscalationTopic, 'Properties', 'KmsMasterKeyId')).toBe(
      variantParams.snsKmsKeyArn,
    );
  });

  it('names every resource after botName', () => {
    const resolved = resolveConditions(variant.template);
    expect(prop(resolved.Resources.IngestLambdaFunction, 'Properties', 'FunctionName')).toBe(
      'audit-bot-test-ingest',
    );
    expect(prop(resolved.Resources.EscalationTopic, 'Properties', 'TopicName')).toBe(
      'audit-bot-test-escalations',
    );
  });

  it('bundles each function on its own, the rulesFile packed into the ingest bundle', () => {
    const files = (name: string, from = packaged) =>
      readZip(join(from.outDir, `${name}.zip`)).map((e) => e.name);
    const ingestEnv = (template: CloudFormationTemplate) =>
      prop(
        resolveConditions(template).Resources.IngestLambdaFunction,
        'Properties',
        'Environment',
        'Variables',
      );
    expect(prop(ingestEnv(packaged.template), 'RULES_FILE')).toBeUndefined();
    expect(prop(ingestEnv(variant.template), 'RULES_FILE')).toBe(variantParams.rulesFile);
    for (const service of [packaged, variant])
      expect(files('ingest', service)).toEqual(['src/ingest/handler.js']);
    expect(files('notifier')).toEqual(['src/bot/notifier-handler.js']);
    expect(files('slack')).toEqual(['src/bot/slack-handler.js']);
    expect(files('teams')).toEqual(['src/teams/handler.js']);

    // The variant's ingest function starts with the packed file's one rule, and reads no file to do so.
    const dir = join(variant.outDir, '..', 'ingest-variant-unzipped');
    extractZip(join(variant.outDir, 'ingest.zip'), dir);
    const started = spawnSync(process.execPath, ['-e', "require('./src/ingest/handler.js')"], {
      cwd: dir,
      env: {
        ...lambdaEnv(variant.template, 'IngestLambdaFunction'),
        LOG_LEVEL: 'info',
        // As on nodejs22.x, where the SDK has no Node version to warn about.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      encoding: 'utf8',
    });
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
    expect(JSON.parse(started.stdout.trim().split('\n').pop() ?? '{}')).toMatchObject({
      message: 'ingest ready',
      rulesSource: variantParams.rulesFile,
      rules: 1,
    });
  });
});

describe('the packaged bundles', () => {
  // Unpacked outside the project, whose package.json would make Node read the CommonJS bundles as ESM.
  const load = (fn: string, logicalId: string, overrides: NodeJS.ProcessEnv = {}) => {
    const dir = join(packaged.outDir, '..', `${fn}-unzipped`);
    extractZip(join(packaged.outDir, `${fn}.zip`), dir);
    const handler = String(prop(packaged.template.Resources[logicalId], 'Properties', 'Handler'));
    const file = `./${handler.slice(0, handler.lastIndexOf('.'))}.js`;
    const env: NodeJS.ProcessEnv = {
      ...lambdaEnv(packaged.template, logicalId),
      TMPDIR: tmpdir(),
      ...overrides,
    };
    for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete env[name];
    // Exit right after loading: the Slack function starts reading SSM at once (a closed local port here).
    return spawnSync(process.execPath, ['-e', `require(${JSON.stringify(file)});process.exit(0)`], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
  };

  it.each([
    ['ingest', 'IngestLambdaFunction'],
    ['notifier', 'NotifierLambdaFunction'],
    ['slack', 'SlackLambdaFunction'],
    ['teams', 'TeamsLambdaFunction'],
  ])('loads the %s bundle in a fresh Node process with the environment the template gives it', (fn, id) => {
    const result = load(fn, id);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
  });

  it('stops at cold start on a bad configuration, naming the setting in English', () => {
    const ingest = load('ingest', 'IngestLambdaFunction', { FINDINGS_TOPIC_ARN: 'not-an-arn' });
    expect(ingest.status).not.toBe(0);
    expect(ingest.stderr).toContain('FINDINGS_TOPIC_ARN: must be an SNS topic ARN');
    const slack = load('slack', 'SlackLambdaFunction', { TABLE_NAME: undefined });
    expect(slack.status).not.toBe(0);
    expect(slack.stderr).toContain('TABLE_NAME');
    // The Teams settings the Slack function is given to update Teams cards are checked at its cold start too.
    const slackTeams = load('slack', 'SlackLambdaFunction', { TEAMS_TENANT_ID: 'contoso' });
    expect(slackTeams.status).not.toBe(0);
    expect(slackTeams.stderr).toContain('TEAMS_TENANT_ID: must be a GUID');
    const teams = load('teams', 'TeamsLambdaFunction', { TEAMS_TENANT_ID: 'contoso' });
    expect(teams.status).not.toBe(0);
    expect(teams.stderr).toContain('TEAMS_TENANT_ID: must be a GUID');
  });
});

type Mutation = [string, (template: MutableTemplate) => void, string];
type MutableTemplate = { Resources: Record<string, Record<string, unknown>> } & CloudFormationTemplate;

const statements = (t: MutableTemplate, role: string) =>
  prop(t.Resources[role], 'Properties', 'Policies', '0', 'PolicyDocument', 'Statement') as Record<
    string,
    unknown
  >[];
const properties = (t: MutableTemplate, id: string) =>
  prop(t.Resources[id], 'Properties') as Record<string, unknown>;
/** A statement the role has only with Teams (`!If [HasTeams, statement, AWS::NoValue]`), by its Sid. */
const withTeams = (t: MutableTemplate, role: string, sid: string) =>
  statements(t, role)
    .map((statement) => prop(statement, 'Fn::If', '1') as Record<string, unknown> | undefined)
    .find((statement) => prop(statement, 'Sid') === sid);
const env = (t: MutableTemplate, id: string) =>
  prop(t.Resources[id], 'Properties', 'Environment', 'Variables') as Record<string, unknown>;

const mutations: Mutation[] = [
  [
    'the ingest role may publish to any topic (Resource "*")',
    (t) => statements(t, 'IngestRole').push({ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }),
    'IAM_WILDCARD_RESOURCE',
  ],
  [
    'the Slack role gets dynamodb:* on the table',
    (t) =>
      statements(t, 'SlackRole').push({
        Effect: 'Allow',
        Action: 'dynamodb:*',
        Resource: { 'Fn::GetAtt': ['AuditTable', 'Arn'] },
      }),
    'IAM_WILDCARD_ACTION',
  ],
  [
    'the notifier role may scan the table',
    (t) =>
      statements(t, 'NotifierRole').push({
        Effect: 'Allow',
        Action: 'dynamodb:Scan',
        Resource: { 'Fn::GetAtt': ['AuditTable', 'Arn'] },
      }),
    'IAM_NOT_NEEDED',
  ],
  [
    'the notifier role gets a managed policy',
    (t) => {
      properties(t, 'NotifierRole').ManagedPolicyArns = ['arn:aws:iam::aws:policy/AdministratorAccess'];
    },
    'IAM_MANAGED_POLICY',
  ],
  [
    'the notifier may decrypt with any key, not only through SSM',
    (t) => {
      const kms = statements(t, 'NotifierRole').find((s) => s.Sid === 'SlackSecretsKeyViaSsm');
      if (kms) delete kms.Condition;
    },
    'IAM_NOT_NEEDED',
  ],
  [
    'the notifier loses ssm:GetParameters',
    (t) => {
      const list = statements(t, 'NotifierRole');
      list.splice(
        list.findIndex((s) => s.Sid === 'SlackSecrets'),
        1,
      );
    },
    'IAM_MISSING',
  ],
  [
    'the Slack role may invoke every function of the account, not only itself',
    (t) => {
      const invoke = statements(t, 'SlackRole').find((s) => s.Sid === 'InvokeItselfForReports');
      if (invoke)
        invoke.Resource = {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
          'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:*',
        };
    },
    'IAM_NOT_NEEDED',
  ],
  [
    'the Slack role may not invoke itself (reports would be answered late)',
    (t) => {
      const list = statements(t, 'SlackRole');
      list.splice(
        list.findIndex((s) => s.Sid === 'InvokeItselfForReports'),
        1,
      );
    },
    'IAM_MISSING',
  ],
  [
    'the Slack function’s own asynchronous invocations are retried',
    (t) => {
      properties(t, 'SlackLambdaEvConf').MaximumRetryAttempts = 2;
    },
    'RETRIES',
  ],
  [
    'the Teams role may read every SSM parameter',
    (t) => {
      const secret = statements(t, 'TeamsRole').find((s) => s.Sid === 'TeamsSecret');
      if (secret)
        secret.Resource = {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
          'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/*',
        };
    },
    'IAM_NOT_NEEDED',
  ],
  [
    'the Teams role may read the Slack signing secret as well as the bot token',
    (t) => {
      const token = statements(t, 'TeamsRole').find((s) => s.Sid === 'SlackBotToken');
      if (token)
        token.Resource = [token.Resource, ssmParameterArn('/eks-audit-bot/test/slack/signing-secret')];
    },
    'IAM_NOT_NEEDED',
  ],
  [
    'the Teams role may read every Slack parameter',
    (t) => {
      const token = statements(t, 'TeamsRole').find((s) => s.Sid === 'SlackBotToken');
      if (token) token.Resource = ssmParameterArn('/eks-audit-bot/test/slack/*');
    },
    'IAM_NOT_NEEDED',
  ],
  [
    'the Teams role may decrypt the Slack bot token’s key outside SSM',
    (t) => {
      const kms = statements(t, 'TeamsRole').find((s) => s.Sid === 'SlackBotTokenKeyViaSsm');
      if (kms) delete kms.Condition;
    },
    'IAM_NOT_NEEDED',
  ],
  [
    'the Teams role loses the Slack bot token (its responses would leave Slack cards stale)',
    (t) => {
      const list = statements(t, 'TeamsRole');
      list.splice(
        list.findIndex((s) => s.Sid === 'SlackBotToken'),
        1,
      );
    },
    'IAM_MISSING',
  ],
  [
    'the Teams function is not told the Slack bot token’s parameter',
    (t) => {
      delete env(t, 'TeamsLambdaFunction').SLACK_BOT_TOKEN_PARAM;
    },
    'ENV_SECRETS',
  ],
  [
    'the Teams role may scan the table',
    (t) =>
      statements(t, 'TeamsRole').push({
        Effect: 'Allow',
        Action: 'dynamodb:Scan',
        Resource: { 'Fn::GetAtt': ['AuditTable', 'Arn'] },
      }),
    'IAM_NOT_NEEDED',
  ],
  [
    'the notifier loses the Teams client secret',
    (t) => {
      const list = statements(t, 'NotifierRole');
      list.splice(
        list.findIndex((s) => prop(s, 'Fn::If', '1', 'Sid') === 'TeamsSecret'),
        1,
      );
    },
    'IAM_MISSING',
  ],
  [
    'the Slack role may read every SSM parameter, not only the Teams client secret',
    (t) => {
      const secret = withTeams(t, 'SlackRole', 'TeamsSecret');
      if (secret)
        secret.Resource = {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
          'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/*',
        };
    },
    'IAM_NOT_NEEDED',
  ],
  [
    'the Slack role may decrypt the Teams client secret’s key outside SSM',
    (t) => {
      const kms = withTeams(t, 'SlackRole', 'TeamsSecretKeyViaSsm');
      if (kms) delete kms.Condition;
    },
    'IAM_NOT_NEEDED',
  ],
  [
    'the Slack role may decrypt any SecureString through SSM, not only the Teams client secret',
    (t) => {
      const kms = withTeams(t, 'SlackRole', 'TeamsSecretKeyViaSsm');
      if (kms)
        kms.Condition = {
          StringEquals: { 'kms:ViaService': prop(kms, 'Condition', 'StringEquals', 'kms:ViaService') },
        };
    },
    'IAM_NOT_NEEDED',
  ],
  [
    'the Slack role loses the Teams client secret (its responses would leave Teams cards stale)',
    (t) => {
      const list = statements(t, 'SlackRole');
      list.splice(
        list.findIndex((s) => prop(s, 'Fn::If', '1', 'Sid') === 'TeamsSecret'),
        1,
      );
    },
    'IAM_MISSING',
  ],
  [
    'the Slack function is not told the Teams client secret’s parameter',
    (t) => {
      delete env(t, 'SlackLambdaFunction').TEAMS_APP_PASSWORD_PARAM;
    },
    'ENV_TEAMS',
  ],
  [
    'the Slack function is given another Teams app than the Teams function’s',
    (t) => {
      env(t, 'SlackLambdaFunction').TEAMS_APP_ID = '00000000-0000-4000-8000-0000000000ff';
    },
    'ENV_TEAMS',
  ],
  ['the Teams route is removed', (t) => delete t.Resources.HttpApiRoutePostApiMessages, 'HTTP_ROUTE'],
  [
    'the Teams function is left out although teamsAppId is set',
    (t) => delete t.Resources.TeamsLambdaFunction,
    'FUNCTION_MISSING',
  ],
  [
    'the alarm on the Teams function’s errors is removed',
    (t) => delete t.Resources.TeamsErrorsAlarm,
    'ALARM_ERRORS',
  ],
  ['the ingest dead-letter queue is removed', (t) => delete t.Resources.IngestFailedQueue, 'DLQ_MISSING'],
  [
    'the notifier subscription loses its redrive policy',
    (t) => delete properties(t, 'NotifierFindingsSubscription').RedrivePolicy,
    'DLQ_MISSING',
  ],
  [
    'the notifier’s on-failure destination is removed',
    (t) => delete t.Resources.NotifierLambdaEvConf,
    'DLQ_MISSING',
  ],
  [
    'the alarm on the notifier’s failed queue is removed',
    (t) => delete t.Resources.NotifierFailedQueueAlarm,
    'ALARM_QUEUE',
  ],
  [
    'the table loses point-in-time recovery',
    (t) => delete properties(t, 'AuditTable').PointInTimeRecoverySpecification,
    'TABLE_PITR',
  ],
  [
    'the table loses deletion protection',
    (t) => {
      properties(t, 'AuditTable').DeletionProtectionEnabled = false;
    },
    'TABLE_PROTECTION',
  ],
  ['the table loses TTL', (t) => delete properties(t, 'AuditTable').TimeToLiveSpecification, 'TABLE_TTL'],
  [
    'a subscription filter gets another pattern',
    (t) => {
      properties(t, 'IngestLogsSubscriptionFilterCloudWatchLog1').FilterPattern = '';
    },
    'FILTER_PATTERN',
  ],
  [
    'the Slack bot token is put in plain text',
    (t) => {
      env(t, 'SlackLambdaFunction').SLACK_BOT_TOKEN = 'xoxb-1234-5678-abcdefghijkl';
    },
    'SECRET_ENV',
  ],
  [
    'a function runs on an old runtime',
    (t) => {
      properties(t, 'NotifierLambdaFunction').Runtime = 'nodejs18.x';
    },
    'RUNTIME',
  ],
];

describe('checkTemplate', () => {
  it.each(mutations)('fails when %s', (_, mutate, code) => {
    const broken = structuredClone(packaged.template) as MutableTemplate;
    mutate(broken);
    const problems = checkTemplate(broken, defaults);
    expect(problems.map((p) => p.code)).toContain(code);
  });

  it.each([
    [
      'the Slack role is given the Teams client secret',
      (t: MutableTemplate) =>
        statements(t, 'SlackRole').push({
          Sid: 'TeamsSecret',
          Effect: 'Allow',
          Action: 'ssm:GetParameter',
          Resource: ssmParameterArn('/eks-audit-bot/dev/teams/app-password'),
        }),
      'IAM_NOT_NEEDED',
    ],
    [
      'the Slack function is given the Teams settings',
      (t: MutableTemplate) => {
        env(t, 'SlackLambdaFunction').TEAMS_APP_PASSWORD_PARAM = '/eks-audit-bot/dev/teams/app-password';
      },
      'ENV_TEAMS',
    ],
  ])('fails without teamsAppId when %s (no Teams function, no Teams cards to update)', (_, mutate, code) => {
    const broken = structuredClone(slackOnly.template) as MutableTemplate;
    mutate(broken);
    expect(checkTemplate(broken, slackOnlyExpectations).map((p) => p.code)).toContain(code);
  });

  it('says which role allows what, and why that is too much', () => {
    const broken = structuredClone(packaged.template) as MutableTemplate;
    statements(broken, 'IngestRole').push({
      Sid: 'Wide',
      Effect: 'Allow',
      Action: 'sns:Publish',
      Resource: '*',
    });
    expect(checkTemplate(broken, defaults)).toEqual([
      { code: 'IAM_WILDCARD_RESOURCE', where: 'IngestRole Wide', message: 'allows sns:Publish on "*"' },
      {
        code: 'IAM_NOT_NEEDED',
        where: 'IngestRole Wide',
        message: 'allows sns:Publish on "*": IngestLambdaFunction needs no such permission',
      },
    ]);
  });
});
