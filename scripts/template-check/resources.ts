import { specsIn, type TemplateExpectations } from './spec';
import {
  asList,
  type CloudFormationTemplate,
  canon,
  getAtt,
  type Problem,
  problem,
  prop,
  resourcesOfType,
} from './template';

/** The runtime every function must use. */
export const expectedRuntime = 'nodejs22.x';

/** Each function of the spec exists, on a supported Node.js runtime (arm64), with its handler. */
export function checkFunctions(template: CloudFormationTemplate): Problem[] {
  const problems: Problem[] = [];
  for (const spec of specsIn(template)) {
    const fn = template.Resources[spec.logicalId];
    if (fn?.Type !== 'AWS::Lambda::Function') {
      problems.push(problem('FUNCTION_MISSING', spec.logicalId, 'no such function'));
      continue;
    }
    if (prop(fn, 'Properties', 'Runtime') !== expectedRuntime) {
      problems.push(problem('RUNTIME', spec.logicalId, `runtime must be ${expectedRuntime}`));
    }
    if (canon(prop(fn, 'Properties', 'Architectures')) !== canon(['arm64'])) {
      problems.push(problem('ARCHITECTURE', spec.logicalId, 'must run on arm64'));
    }
    if (prop(fn, 'Properties', 'Handler') !== spec.handler) {
      problems.push(problem('HANDLER', spec.logicalId, `handler must be ${spec.handler}`));
    }
  }
  return problems;
}

/** The audit trail: recoverable to any second of the last 35 days, never deleted by accident, expiring by TTL. */
export function checkTable(template: CloudFormationTemplate): Problem[] {
  const tables = resourcesOfType(template, 'AWS::DynamoDB::Table');
  const [entry] = tables;
  if (!entry || tables.length !== 1)
    return [problem('TABLE', 'AWS::DynamoDB::Table', 'exactly one table expected')];
  const [id, table] = entry;
  const p = (...path: string[]) => prop(table, 'Properties', ...path);
  const problems: Problem[] = [];
  if (p('PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled') !== true) {
    problems.push(problem('TABLE_PITR', id, 'point-in-time recovery must be enabled'));
  }
  if (p('DeletionProtectionEnabled') !== true)
    problems.push(problem('TABLE_PROTECTION', id, 'deletion protection off'));
  if (table.DeletionPolicy !== 'Retain')
    problems.push(problem('TABLE_RETAIN', id, 'DeletionPolicy must be Retain'));
  if (
    p('TimeToLiveSpecification', 'Enabled') !== true ||
    typeof p('TimeToLiveSpecification', 'AttributeName') !== 'string'
  ) {
    problems.push(problem('TABLE_TTL', id, 'TTL must be enabled on an attribute'));
  }
  if (asList(p('GlobalSecondaryIndexes')).length === 0)
    problems.push(problem('TABLE_INDEXES', id, 'no indexes'));
  if (p('SSESpecification', 'SSEEnabled') !== true)
    problems.push(problem('TABLE_SSE', id, 'KMS encryption off'));
  for (const spec of specsIn(template).filter((s) => s.table)) {
    const ref = prop(
      template.Resources[spec.logicalId],
      'Properties',
      'Environment',
      'Variables',
      'TABLE_NAME',
    );
    if (canon(ref) !== canon({ Ref: id }))
      problems.push(problem('ENV_TABLE', spec.logicalId, `TABLE_NAME is not ${id}`));
  }
  return problems;
}

/** An alarm on each function's errors, each lost asynchronous event, and each message waiting in a queue. */
export function checkAlarms(template: CloudFormationTemplate, expected: TemplateExpectations): Problem[] {
  const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(
    ([, alarm]) => alarm.Properties ?? {},
  );
  const problems: Problem[] = [];
  const watched = (namespace: string, metric: string, dimension: unknown) =>
    alarms.some(
      (a) =>
        a.Namespace === namespace &&
        a.MetricName === metric &&
        a.Threshold === 0 &&
        a.ComparisonOperator === 'GreaterThanThreshold' &&
        asList(a.Dimensions).some((d) => canon(prop(d, 'Value')) === canon(dimension)),
    );
  for (const spec of specsIn(template)) {
    if (!watched('AWS/Lambda', 'Errors', { Ref: spec.logicalId })) {
      problems.push(problem('ALARM_ERRORS', spec.logicalId, 'no alarm on its errors'));
    }
    if (spec.asynchronous && !watched('AWS/Lambda', 'DestinationDeliveryFailures', { Ref: spec.logicalId })) {
      problems.push(
        problem('ALARM_DESTINATION', spec.logicalId, 'no alarm on failed deliveries to its queue'),
      );
    }
  }
  for (const [id] of resourcesOfType(template, 'AWS::SQS::Queue')) {
    if (!watched('AWS/SQS', 'ApproximateNumberOfMessagesVisible', getAtt(id, 'QueueName'))) {
      problems.push(problem('ALARM_QUEUE', id, 'no alarm on messages waiting in it'));
    }
  }
  if (expected.alarmTopicArn !== undefined) {
    const silent = alarms.filter((a) => !asList(a.AlarmActions).includes(expected.alarmTopicArn));
    if (silent.length > 0)
      problems.push(problem('ALARM_ACTIONS', 'alarms', `${silent.length} do not notify the alarm topic`));
  }
  return problems;
}

/** Topics and queues encrypted at rest. */
export function checkEncryption(template: CloudFormationTemplate): Problem[] {
  const problems: Problem[] = [];
  for (const [id, topic] of resourcesOfType(template, 'AWS::SNS::Topic')) {
    if (!prop(topic, 'Properties', 'KmsMasterKeyId'))
      problems.push(problem('SNS_SSE', id, 'topic not encrypted'));
  }
  for (const [id, queue] of resourcesOfType(template, 'AWS::SQS::Queue')) {
    const sse =
      prop(queue, 'Properties', 'SqsManagedSseEnabled') === true ||
      prop(queue, 'Properties', 'KmsMasterKeyId');
    if (!sse) problems.push(problem('SQS_SSE', id, 'queue not encrypted'));
  }
  return problems;
}

/** Slack token shapes, and long random-looking strings, that must never appear in a template. */
const SECRET_VALUE = /xox[abposr]-[\w-]{6,}|xapp-[\w-]{6,}|\b[a-f0-9]{32,}\b/;
/** Environment names that say "a secret value" (a name ending in _PARAM holds an SSM parameter name). */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PRIVATE_KEY|API_KEY)$/;

/** No secret in any function's environment, nor anywhere else in the template. */
export function checkSecrets(template: CloudFormationTemplate): Problem[] {
  const problems: Problem[] = [];
  for (const [id, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) {
    const env = (prop(fn, 'Properties', 'Environment', 'Variables') ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(env).filter((n) => SECRET_NAME.test(n))) {
      problems.push(problem('SECRET_ENV', id, `${name} looks like a secret in a plain environment variable`));
    }
  }
  const match = JSON.stringify(template).match(SECRET_VALUE);
  if (match)
    problems.push(
      problem('SECRET_VALUE', 'template', `contains a secret-looking value ${match[0].slice(0, 8)}…`),
    );
  return problems;
}
