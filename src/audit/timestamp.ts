/*
 * Audit timestamps come as RFC 3339 with microseconds from the API server (`2023-07-31T01:58:11.751914Z`),
 * and as `2022-11-29 00:09:04.38` (space, no zone, UTC) from EKS exports and Panther. We normalise every form
 * to the shape of `Date.prototype.toISOString()`: millisecond precision, `Z`, so times compare as strings.
 */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|z|[+-]\d{2}:?\d{2}|UTC)?$/;

/**
 * Returns the ISO 8601 UTC form (`YYYY-MM-DDTHH:mm:ss.sssZ`) of an audit timestamp, or undefined when the
 * text is not a timestamp. A timestamp without a zone is UTC (that is what EKS writes). Fractions beyond
 * milliseconds are truncated.
 *
 * @example
 * normalizeTimestamp('2022-11-29 00:09:04.38'); // '2022-11-29T00:09:04.380Z'
 * normalizeTimestamp('2023-07-31T01:58:11.751914Z'); // '2023-07-31T01:58:11.751Z'
 */
export function normalizeTimestamp(text: string): string | undefined {
  const canonical = canonicalUtc(text);
  if (canonical !== undefined) return canonical;
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const millis = `${fraction}000`.slice(0, 3);
  const offset = zone === 'Z' || zone === 'z' || zone === 'UTC' ? 'Z' : zoneWithColon(zone);
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Days per month; February gets its leap day from `isLeapYear`. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * The fast path for the API server's own form, `2023-07-31T01:58:11.751914Z` (every event, twice: it runs on
 * the ingest hot path): when every field is in range, the ISO form is the same digits with the fraction cut
 * to milliseconds, so no Date is needed. Anything else (other forms, a day or hour that Date would roll over
 * or refuse) returns undefined and takes the general path.
 */
function canonicalUtc(text: string): string | undefined {
  const length = text.length;
  if (length < 20 || text.charCodeAt(length - 1) !== 0x5a /* Z */) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') {
    return undefined;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > monthDays || !inRange(text, 11, 23) || !inRange(text, 14, 59) || !inRange(text, 17, 59)) {
    return undefined;
  }
  if (length === 20) return `${text.slice(0, 19)}.000Z`;
  if (text[19] !== '.' || length === 21 || digits(text, 20, length - 1) < 0) return undefined;
  return `${text.slice(0, 19)}.${`${text.slice(20, Math.min(23, length - 1))}00`.slice(0, 3)}Z`;
}

/** The number written by the ASCII digits text[start..end), or -1 when one is not a digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Two digits at `start` that make a number from 0 to `max`. */
function inRange(text: string, start: number, max: number): boolean {
  const value = digits(text, start, start + 2);
  return value >= 0 && value <= max;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function zoneWithColon(zone: string): string {
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/**
 * Returns the ISO 8601 form of a CloudWatch Logs timestamp (milliseconds since the epoch), or undefined when
 * it is not a finite number.
 *
 * @example
 * epochMillisToIso(1700000000000); // '2023-11-14T22:13:20.000Z'
 */
export function epochMillisToIso(millis: number | undefined): string | undefined {
  if (millis === undefined || !Number.isFinite(millis)) return undefined;
  const date = new Date(millis);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * When a log event was stored: ISO 8601 text (a CloudWatch export line's own timestamp), or the milliseconds
 * since the epoch CloudWatch Logs gives each event, kept as a number until needed. An event's own timestamps
 * almost always win over it, and formatting a date for each of a batch's events cost ingest about a tenth of
 * its per-event time (bench/ingest.ts).
 */
export type LogTime = string | number;

/**
 * The ISO 8601 form of a log time, or undefined when it is a number that is not a valid time.
 *
 * @example
 * logTimeIso(1700000000000); // '2023-11-14T22:13:20.000Z'
 * logTimeIso('2023-11-14T22:13:20.000Z'); // the same text
 */
export function logTimeIso(logTime: LogTime | undefined): string | undefined {
  return typeof logTime === 'number' ? epochMillisToIso(logTime) : logTime;
}
