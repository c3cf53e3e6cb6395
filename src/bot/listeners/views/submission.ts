import type { WebClient } from '@slack/web-api';
import { describeError } from '../../../shared/errors';
import type { Logger } from '../../../shared/logger';
import type * as z from '../../../shared/zod';
import type { Responder } from '../../../triage/model';
import { parseViewSubmission, type ViewSubmission } from '../../interactions';
import { type ModalContext, readModalMetadata, SlackViewIds } from '../../modals';
import type { Tell } from '../answer';

/** A modal submission read back: who, which alert and card, and the inputs. */
export interface ReadSubmission {
  readonly submission: ViewSubmission;
  readonly context: ModalContext;
}

/** `response_action: errors`: the message to show under each input block that is wrong. */
export type FieldErrors = Record<string, string>;

/**
 * Reads a submission and its metadata; a payload that is not ours becomes an error under the reason field
 * (the person sees it in the modal, nothing is recorded).
 */
export function readSubmission(body: unknown, log: Logger): ReadSubmission | { errors: FieldErrors } {
  try {
    const submission = parseViewSubmission(body);
    return { submission, context: readModalMetadata(submission.privateMetadata) };
  } catch (error) {
    log.warn('modal submission not readable', { error: describeError(error) });
    return {
      errors: {
        [SlackViewIds.reasonBlock]:
          'eks-audit could not read this form; close it and click the button on the card again.',
      },
    };
  }
}

/**
 * zod issues as field errors, each under the input block of its field (`reason` -> the reason block).
 *
 * @example
 * fieldErrors(error, { reason: 'reason', ticketUrl: 'ticket' }); // { reason: 'a reason is required' }
 */
export function fieldErrors(error: z.core.$ZodError, blocks: Readonly<Record<string, string>>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const block = blocks[String(issue.path[0])] ?? SlackViewIds.reasonBlock;
    errors[block] ??= issue.message;
  }
  return errors;
}

/**
 * How to reply after a modal closed: an ephemeral message in the channel of the card it came from, else a
 * direct message from the bot (a modal has no `response_url`).
 */
export function tellSubmitter(client: WebClient, context: ModalContext, responder: Responder): Tell {
  const channel = context.origin?.channel;
  return (text) =>
    channel
      ? client.chat.postEphemeral({ channel, user: responder.userId, text })
      : client.chat.postMessage({ channel: responder.userId, text });
}
