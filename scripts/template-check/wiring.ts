import { onFailureDestination } from './grants';
import { checkHttpRoute, checkTeamsPresence } from './routes';
import { functionSpecs, specsIn, type TemplateExpectations } from './spec';
import {
  asList,
  type CloudFormationTemplate,
  canon,
  getAtt,
  type Problem,
  problem,
  prop,
  refTarget,
  resourcesOfType,
} from './template';

/**
 * The event wiring: every asynchronous path ends in a queue (nothing dropped), the subscription filters carry
 * the requested pattern on the requested log groups, the notifier hears the topic ingest publishes to, the
 * Slack and Teams functions answer their routes, and the Teams function is there exactly when it was asked for.
 */
export function checkWiring(template: CloudFormationTemplate, expected: TemplateExpectations): Problem[] {
  return [
    ...checkAsyncFailures(template),
    ...checkSubscriptionFilters(template, expected),
    ...checkNotifierSubscription(template),
    ...checkSelfInvocations(template),
    ...specsIn(template).flatMap((spec) => checkHttpRoute(template, spec)),
    ...checkTeamsPresence(template, expected),
  ];
}

function isQueue(template: CloudFormationTemplate, arn: unknown): boolean {
  const id = refTarget(arn);
  return (
    id !== undefined &&
    template.Resources[id]?.Type === 'AWS::SQS::Queue' &&
    canon(arn) === canon(getAtt(id, 'Arn'))
  );
}

/** Lambda retries an asynchronous event, then hands it to the on-failure queue. */
function checkAsyncFailures(template: CloudFormationTemplate): Problem[] {
  const problems: Problem[] = [];
  for (const spec of specsIn(template).filter((s) => s.asynchronous)) {
    const destination = onFailureDestination(template, spec.logicalId);
    if (!isQueue(template, destination)) {
      problems.push(
        problem(
          'DLQ_MISSING',
          spec.logicalId,
          'no on-failure destination queue: failed events would be dropped',
        ),
      );
    }
    const config = resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig').find(
      ([, r]) => canon(prop(r, 'Properties', 'FunctionName')) === canon({ Ref: spec.logicalId }),
    );
    const retries = prop(config?.[1], 'Properties', 'MaximumRetryAttempts');
    if (typeof retries !== 'number' || retries < 1) {
      problems.push(problem('RETRIES', spec.logicalId, 'MaximumRetryAttempts must be set (1 or 2)'));
    }
  }
  return problems;
}

/**
 * A function that hands work to asynchronous invocations of itself (`/eks-audit report`) answers on the
 * command's `response_url`: Lambda must not retry those invocations, which could post the answer twice.
 */
function checkSelfInvocations(template: CloudFormationTemplate): Problem[] {
  const problems: Problem[] = [];
  for (const spec of functionSpecs.filter((s) => s.invokesItself)) {
    const config = resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig').find(
      ([, r]) => canon(prop(r, 'Properties', 'FunctionName')) === canon({ Ref: spec.logicalId }),
    );
    if (prop(config?.[1], 'Properties', 'MaximumRetryAttempts') !== 0) {
      problems.push(
        problem('RETRIES', spec.logicalId, 'invokes itself: MaximumRetryAttempts must be 0 (answers once)'),
      );
    }
  }
  return problems;
}

function checkSubscriptionFilters(
  template: CloudFormationTemplate,
  expected: TemplateExpectations,
): Problem[] {
  const problems: Problem[] = [];
  const filters = resourcesOfType(template, 'AWS::Logs::SubscriptionFilter');
  const groups = filters.map(([, f]) => String(prop(f, 'Properties', 'LogGroupName'))).sort();
  if (canon(groups) !== canon([...expected.logGroups].sort())) {
    problems.push(
      problem(
        'FILTER_GROUPS',
        'SubscriptionFilter',
        `log groups ${canon(groups)}, expected ${canon(expected.logGroups)}`,
      ),
    );
  }
  for (const [id, filter] of filters) {
    if (prop(filter, 'Properties', 'FilterPattern') !== expected.filterPattern) {
      problems.push(
        problem(
          'FILTER_PATTERN',
          id,
          `pattern ${canon(prop(filter, 'Properties', 'FilterPattern'))} is not the parameter's`,
        ),
      );
    }
    if (
      canon(prop(filter, 'Properties', 'DestinationArn')) !== canon(getAtt('IngestLambdaFunction', 'Arn'))
    ) {
      problems.push(problem('FILTER_TARGET', id, 'does not deliver to the ingest function'));
    }
  }
  const logsMayInvoke = resourcesOfType(template, 'AWS::Lambda::Permission').some(
    ([, p]) =>
      canon(prop(p, 'Properties', 'FunctionName')) === canon(getAtt('IngestLambdaFunction', 'Arn')) &&
      canon(prop(p, 'Properties', 'Principal')).includes('logs.'),
  );
  if (!logsMayInvoke)
    problems.push(problem('FILTER_PERMISSION', 'IngestLambdaFunction', 'CloudWatch Logs may not invoke it'));
  return problems;
}

/** The notifier is subscribed to the very topic ingest publishes to, with a redrive queue SNS may write to. */
function checkNotifierSubscription(template: CloudFormationTemplate): Problem[] {
  const topic = prop(
    template.Resources.IngestLambdaFunction,
    'Properties',
    'Environment',
    'Variables',
    'FINDINGS_TOPIC_ARN',
  );
  const notifierArn = canon(getAtt('NotifierLambdaFunction', 'Arn'));
  const subscription = resourcesOfType(template, 'AWS::SNS::Subscription').find(
    ([, s]) => canon(prop(s, 'Properties', 'Endpoint')) === notifierArn,
  );
  if (!subscription)
    return [problem('SUBSCRIPTION', 'NotifierLambdaFunction', 'not subscribed to the findings topic')];
  const [id, sub] = subscription;
  const problems: Problem[] = [];
  if (canon(prop(sub, 'Properties', 'TopicArn')) !== canon(topic)) {
    problems.push(
      problem('SUBSCRIPTION', id, 'subscribed to another topic than the one ingest publishes to'),
    );
  }
  const dlq = prop(sub, 'Properties', 'RedrivePolicy', 'deadLetterTargetArn');
  const queueId = refTarget(dlq);
  if (!isQueue(template, dlq) || queueId === undefined) {
    problems.push(
      problem('DLQ_MISSING', id, 'no redrive queue: findings SNS cannot deliver would be dropped'),
    );
  } else if (!snsMaySend(template, queueId, topic)) {
    problems.push(problem('DLQ_POLICY', queueId, 'no queue policy lets the findings topic send to it'));
  }
  const snsMayInvoke = resourcesOfType(template, 'AWS::Lambda::Permission').some(
    ([, p]) =>
      canon(prop(p, 'Properties', 'FunctionName')) === notifierArn &&
      prop(p, 'Properties', 'Principal') === 'sns.amazonaws.com' &&
      canon(prop(p, 'Properties', 'SourceArn')) === canon(topic),
  );
  if (!snsMayInvoke)
    problems.push(problem('SUBSCRIPTION', id, 'SNS may not invoke the notifier for this topic'));
  return problems;
}

function snsMaySend(template: CloudFormationTemplate, queueId: string, topic: unknown): boolean {
  return resourcesOfType(template, 'AWS::SQS::QueuePolicy').some(([, policy]) => {
    if (!asList(prop(policy, 'Properties', 'Queues')).some((q) => canon(q) === canon({ Ref: queueId })))
      return false;
    return asList(prop(policy, 'Properties', 'PolicyDocument', 'Statement')).some(
      (s) =>
        prop(s, 'Effect') === 'Allow' &&
        prop(s, 'Principal', 'Service') === 'sns.amazonaws.com' &&
        canon(prop(s, 'Condition', 'ArnEquals', 'aws:SourceArn')) === canon(topic),
    );
  });
}
