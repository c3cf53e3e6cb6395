import type {
  CardElementArray,
  ContainerStyle,
  IActionSet,
  IAdaptiveCard,
  IContainer,
  IOpenUrlAction,
  TextColor,
} from '@microsoft/teams.cards';
import type { Severity } from '../../finding/schema';
import type { AlertCard, CardFact, CardLink, CardSection } from '../card-types';
import { TeamsCardLimits, TeamsVerbs } from './actions';
import { execute, triageAction } from './forms';
import { plainBlock, run, subtleLine } from './text';

/**
 * Renders the platform-neutral card as an Adaptive Card 1.5 for Teams (Universal Actions: `Action.Execute`
 * buttons and a `refresh` action, so whoever opens the card later gets the current state from the bot).
 *
 * Escaping by construction: every piece of text that came from outside (names, ARNs, user agents, reasons,
 * justifications) is put in a `TextRun` of a `RichTextBlock`, which Adaptive Cards never reads as markdown, so
 * `[ok](https://evil)` or `**urgent**` typed into a justification shows as typed and cannot become a link or
 * formatting. Markdown-capable `TextBlock`s hold only our own fixed wording. Links are `Action.OpenUrl`
 * buttons to URLs the card model checked to be http(s), titled with their host.
 *
 * @example
 * const teamsCard = renderTeamsCard(buildCard(alert));
 * teamsCard.actions?.map((a) => a.title); // ['Acknowledge', 'Justify', 'Escalate']
 */
export function renderTeamsCard(card: AlertCard): IAdaptiveCard {
  const actions = card.actions.map((action) => triageAction(action, card.alertId));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: `[${card.severity.toUpperCase()}] ${card.summary}`,
    msteams: { width: 'full' },
    refresh: { action: execute(TeamsVerbs.refresh, 'Refresh', card.alertId) },
    body: [
      header(card),
      ...statusBlock(card),
      ...card.sections.flatMap(sectionBlocks),
      ...reasonBlocks(card.reasons),
      ...linkRow([...card.links, ...ticketLinks(card)]),
      subtleLine(card.footer.map((fact) => `${fact.label} ${fact.value}`).join(' · ')),
    ],
    ...(actions.length > 0 ? { actions } : {}),
  };
}

const severityColor: Readonly<Record<Severity, TextColor>> = {
  critical: 'Attention',
  high: 'Attention',
  medium: 'Warning',
  low: 'Accent',
  info: 'Default',
};

const severityStyle: Readonly<Record<Severity, ContainerStyle>> = {
  critical: 'attention',
  high: 'attention',
  medium: 'warning',
  low: 'emphasis',
  info: 'default',
};

function header(card: AlertCard): IContainer {
  const outcomeColor: TextColor = card.outcome.kind === 'allowed' ? 'Default' : 'Attention';
  return {
    type: 'Container',
    style: severityStyle[card.severity],
    bleed: true,
    items: [
      plainBlock([
        run(card.severity.toUpperCase(), { weight: 'Bolder', color: severityColor[card.severity] }),
        run(` · ${card.outcome.label}`, { color: outcomeColor }),
      ]),
      plainBlock([run(card.summary, { size: 'Large', weight: 'Bolder' })]),
    ],
  };
}

function statusBlock(card: AlertCard): CardElementArray {
  const lines = card.statusLines.slice(-TeamsCardLimits.statusLines);
  const hidden = card.statusLines.length - lines.length;
  return [
    plainBlock([run('Status: ', { weight: 'Bolder' }), run(statusWord[card.status])], { separator: true }),
    ...(hidden > 0
      ? [subtleLine(`${hidden} earlier responses are in the trail (eks-audit show ${card.alertId})`)]
      : []),
    ...lines.map((line) => plainBlock([run(`• ${line.plain}`, { maxLength: TeamsCardLimits.statusLine })])),
  ];
}

const statusWord: Readonly<Record<AlertCard['status'], string>> = {
  open: 'Open: nobody has responded yet',
  acknowledged: 'Acknowledged',
  justified: 'Justified',
  escalated: 'Escalated',
};

function sectionBlocks(section: CardSection): CardElementArray {
  if (section.facts.length === 0) return [];
  return [
    plainBlock([run(section.title, { weight: 'Bolder' })], { separator: true }),
    ...section.facts.map(factBlock),
  ];
}

function factBlock(fact: CardFact) {
  return plainBlock([
    run(`${fact.label}: `, { isSubtle: true }),
    run(fact.value, {
      maxLength: TeamsCardLimits.factValue,
      ...(fact.kind === 'identifier' ? { fontType: 'Monospace' as const } : {}),
    }),
  ]);
}

function reasonBlocks(reasons: readonly string[]): CardElementArray {
  if (reasons.length === 0) return [];
  const shown = reasons.slice(0, TeamsCardLimits.reasons);
  const more = reasons.length - shown.length;
  return [
    plainBlock([run('Why it matched', { weight: 'Bolder' })], { separator: true }),
    ...shown.map((reason) => plainBlock([run(`• ${reason}`, { maxLength: TeamsCardLimits.reason })])),
    ...(more > 0 ? [subtleLine(`and ${more} more`)] : []),
  ];
}

/** Ticket links given with justifications, so they can be opened from the card. */
function ticketLinks(card: AlertCard): CardLink[] {
  return card.statusLines.flatMap((line) => (line.ticket ? [line.ticket] : []));
}

function linkRow(links: readonly CardLink[]): IActionSet[] {
  if (links.length === 0) return [];
  const actions: IOpenUrlAction[] = links
    .slice(0, TeamsCardLimits.links)
    .map((link) => ({ type: 'Action.OpenUrl', title: link.label, url: link.url }));
  return [{ type: 'ActionSet', actions }];
}
