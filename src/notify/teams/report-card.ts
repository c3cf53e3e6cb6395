import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { httpUrl } from '../card-format';
import { plainBlock, run, subtleLine } from './text';

/** A text answer to a command: a title, one line per item, an optional note under them, link buttons. */
export interface TeamsTextReport {
  readonly title: string;
  readonly lines: readonly string[];
  readonly note?: string;
  readonly links?: readonly { readonly label: string; readonly url: string }[];
}

/** Lines shown before the card says how many more there are (keeps the message well under Teams' size limit). */
const MAX_LINES = 50;

/**
 * A command's answer as an Adaptive Card. Lines are `TextRun`s, as on the alert card, so alert summaries and
 * justifications quoted in a report cannot inject links or formatting.
 *
 * @example
 * renderTeamsReportCard({ title: 'Open alerts (1)', lines: ['[HIGH] alice deleted secret ...'] });
 */
export function renderTeamsReportCard(report: TeamsTextReport): IAdaptiveCard {
  const shown = report.lines.slice(0, MAX_LINES);
  const more = report.lines.length - shown.length;
  const links = (report.links ?? []).flatMap((link) => {
    const url = httpUrl(link.url);
    return url ? [{ type: 'Action.OpenUrl' as const, title: link.label, url }] : [];
  });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: report.title,
    msteams: { width: 'full' },
    body: [
      plainBlock([run(report.title, { size: 'Medium', weight: 'Bolder' })]),
      ...shown.map((line) => plainBlock([run(line, { maxLength: 1000 })])),
      ...(more > 0 ? [subtleLine(`and ${more} more`)] : []),
      ...(report.note ? [subtleLine(report.note)] : []),
    ],
    ...(links.length > 0 ? { actions: links } : {}),
  };
}
