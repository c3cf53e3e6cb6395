import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoAlertFacts } from '../../adapters/dynamodb/alert-facts';
import { LambdaSelfInvokeDeferral } from '../../adapters/lambda/self-invoke-deferral';
import { postToResponseUrl } from '../../adapters/slack/response-url';
import type { Logger } from '../../shared/logger';
import { createDeferredCommandHandler, isDeferredCommandEvent } from './deferred-event';
import type { EksAuditServices } from './run';

/** What the Slack function's composition root knows. */
export interface EksAuditLambdaOptions {
  readonly dynamo: DynamoDBClient;
  readonly tableName: string;
  /** `AWS_LAMBDA_FUNCTION_NAME` (set by Lambda); without it, `report` is answered in the same invocation. */
  readonly functionName?: string | undefined;
  /** Default `new LambdaClient({ region })`. */
  readonly lambda?: LambdaClient;
  readonly region?: string | undefined;
  readonly log: Logger;
}

/**
 * The two services `/eks-audit` adds to the Slack function's: the slim report reader and the hand-over of
 * `report` to an asynchronous invocation of the function itself. Safe to wire before the function may invoke
 * itself: a refused hand-over (no `lambda:InvokeFunction`) is logged and the report answered in the same
 * invocation instead.
 *
 * @example
 * const services = { ...buildSlackServices(...), ...eksAuditLambdaServices({ dynamo, tableName, functionName: env.AWS_LAMBDA_FUNCTION_NAME, log }) };
 */
export function eksAuditLambdaServices(
  options: EksAuditLambdaOptions,
): Pick<EksAuditServices, 'reportFacts' | 'commandDeferral'> {
  const reportFacts = new DynamoAlertFacts({
    client: options.dynamo,
    tableName: options.tableName,
    onInvalidItem: (key, problem) => options.log.warn('report item skipped', { key, problem }),
  });
  if (!options.functionName) return { reportFacts };
  const lambda = options.lambda ?? new LambdaClient(options.region ? { region: options.region } : {});
  return { reportFacts, commandDeferral: new LambdaSelfInvokeDeferral(lambda, options.functionName) };
}

/**
 * Wraps the Slack function's handler so that the asynchronous invocations made by `LambdaSelfInvokeDeferral`
 * run the deferred command (and answer on its `response_url`) instead of reaching the API Gateway receiver.
 *
 * @example
 * export const handler = withDeferredCommands(receiver.toHandler(), services);
 */
export function withDeferredCommands<E, C, R>(
  handler: (event: E, context: C) => Promise<R>,
  services: EksAuditServices,
): (event: E | { eksAuditDeferredCommand: unknown }, context: C) => Promise<R | { answered: boolean }> {
  const runDeferred = createDeferredCommandHandler(services, postToResponseUrl);
  return (event, context) =>
    isDeferredCommandEvent(event) ? runDeferred(event) : handler(event as E, context);
}
