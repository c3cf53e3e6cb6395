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
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const millis = `${fraction}000`.slice(0, 3);
  const offset = zone === 'Z' || zone === 'z' || zone === 'UTC' ? 'Z' : zoneWithColon(zone);
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
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
