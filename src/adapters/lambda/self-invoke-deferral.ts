import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { CommandDeferral, DeferredCommand } from '../../bot/eks-audit/deferral';
import { DEFERRED_COMMAND_KEY } from '../../bot/eks-audit/deferred-event';
import { EksAuditError } from '../../shared/errors';

/**
 * Hands a slow `/eks-audit` command to an asynchronous invocation of the same Lambda function (`Event`
 * invocation type: Lambda queues it and answers 202 at once), so the current invocation can return Slack's
 * acknowledgement within 3 seconds. The function's handler recognises the event (`isDeferredCommandEvent`) and
 * answers through `response_url`. Bolt for Python's "lazy listeners" work the same way.
 *
 * Needs `lambda:InvokeFunction` on the function's own ARN (and nothing else).
 *
 * @example
 * const deferral = new LambdaSelfInvokeDeferral(new LambdaClient({}), process.env.AWS_LAMBDA_FUNCTION_NAME);
 */
export class LambdaSelfInvokeDeferral implements CommandDeferral {
  readonly name = 'lambda-self-invoke';

  constructor(
    private readonly client: LambdaClient,
    /** The function's own name or ARN (`AWS_LAMBDA_FUNCTION_NAME`, which Lambda sets). */
    private readonly functionName: string,
  ) {}

  async defer(command: DeferredCommand): Promise<void> {
    const payload = JSON.stringify({ [DEFERRED_COMMAND_KEY]: command });
    const result = await this.client.send(
      new InvokeCommand({
        FunctionName: this.functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(payload),
      }),
    );
    if (result.StatusCode !== 202) {
      throw new EksAuditError(
        'DEFERRAL_FAILED',
        `asynchronous invocation answered ${result.StatusCode}, not 202`,
      );
    }
  }
}
