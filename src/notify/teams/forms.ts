import type {
  ActionArray,
  ActionStyle,
  CardElementArray,
  IExecuteAction,
  IShowCardAction,
  ITextInput,
} from '@microsoft/teams.cards';
import type { CardAction } from '../card-types';
import { TeamsCardLimits, TeamsInputIds, TeamsVerbs } from './actions';
import { subtleLine } from './text';

/**
 * The card's triage buttons. Acknowledge acts at once; Justify and Escalate open a form under the card
 * (`Action.ShowCard`) asking for the reason, whose `Action.Execute` sends it with the card's inputs.
 */

/** An `Action.Execute` carrying the alert id (the inputs are merged into `data` by the client). */
export function execute(verb: string, title: string, alertId: string): IExecuteAction {
  return { type: 'Action.Execute', verb, title, data: { alertId } };
}

const styles: Readonly<Record<CardAction['style'], ActionStyle | undefined>> = {
  primary: 'positive',
  danger: 'destructive',
  // Omitted rather than spelled out: `default` is the default.
  default: undefined,
};

/**
 * The button (or form) for one card action.
 *
 * @example
 * triageAction({ kind: 'acknowledge', label: 'Acknowledge', style: 'primary' }, 'f-1');
 * // { type: 'Action.Execute', verb: 'eksAudit.acknowledge', title: 'Acknowledge', data: { alertId: 'f-1' },
 * //   style: 'positive' }
 */
export function triageAction(action: CardAction, alertId: string): ActionArray[number] {
  const style = styles[action.style];
  if (action.kind === 'acknowledge') {
    return { ...execute(TeamsVerbs.acknowledge, action.label, alertId), ...(style ? { style } : {}) };
  }
  if (action.kind === 'justify') {
    return showCard(
      action.label,
      style,
      justifyForm(),
      execute(TeamsVerbs.justify, 'Record justification', alertId),
    );
  }
  const confirm = action.confirm;
  const form = [
    ...(confirm ? [subtleLine(confirm.text)] : []),
    reasonInput(TeamsInputIds.escalateReason, 'Why escalate?', 'Say why this needs escalating.'),
  ];
  const submit = execute(TeamsVerbs.escalate, confirm?.confirm ?? action.label, alertId);
  return showCard(action.label, style, form, { ...submit, style: 'destructive' });
}

function justifyForm(): CardElementArray {
  return [
    reasonInput(TeamsInputIds.justifyReason, 'Why was this change made?', 'Say why the change was needed.'),
    {
      type: 'Input.Text',
      id: TeamsInputIds.justifyTicketUrl,
      label: 'Ticket or change request (optional)',
      style: 'Url',
      placeholder: 'https://…',
      maxLength: TeamsCardLimits.ticketUrlInput,
      regex: '^(https?://\\S+)?$',
      errorMessage: 'Give an http(s) link, or leave it empty.',
    },
  ];
}

function showCard(
  title: string,
  style: ActionStyle | undefined,
  body: CardElementArray,
  submit: IExecuteAction,
): IShowCardAction {
  return {
    type: 'Action.ShowCard',
    title,
    ...(style ? { style } : {}),
    card: { type: 'AdaptiveCard', body, actions: [submit] },
  };
}

function reasonInput(id: string, label: string, errorMessage: string): ITextInput {
  return {
    type: 'Input.Text',
    id,
    label,
    isRequired: true,
    isMultiline: true,
    maxLength: TeamsCardLimits.reasonInput,
    errorMessage,
  };
}
