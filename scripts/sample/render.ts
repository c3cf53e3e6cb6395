import { auditEvents } from './event';
import { story } from './story';

/** Epoch milliseconds of the first request in the sample: 2026-11-20T09:00:00Z. */
export const SAMPLE_START = Date.UTC(2026, 10, 20, 9, 0, 0);

/** The sample file's text: one audit event per line, every stage of every request, in time order. */
export function renderSample(): string {
  const lines = story.flatMap((step, seq) =>
    auditEvents(step.request, seq, SAMPLE_START).map((event) => JSON.stringify(event)),
  );
  return `${lines.join('\n')}\n`;
}
