import type { Finding } from '../finding/schema';

/**
 * A CloudWatch Logs Insights console deep link that opens the finding's audit event: its log group, a query
 * on its `auditID` (every stage of the request: RequestReceived, ResponseComplete...), and an absolute time
 * range around the event.
 *
 * The console keeps its state in the URL fragment, encoded in a way it does not document. The scheme below
 * is the one the console itself produces (and that naomichi-y/cloudwatch-insights-url-builder and others
 * reproduce):
 *
 *     #logsV2:logs-insights $3FqueryDetail$3D <detail>
 *
 * `<detail>` is a JSURL-like object, `~(end~'<v>~start~'<v>~timeType~'ABSOLUTE~tz~'UTC~editorString~'<v>
 * ~source~(~'<v>))`, where
 * - the syntax (`~ ( ) '` and the keys) is percent-encoded TWICE and then every `%` is written `$`
 *   (so `~` becomes `$257E`, `(` becomes `$2528`);
 * - each value is percent-encoded ONCE and then every `%` is written `*` (so `:` becomes `*3A`, a space
 *   `*20`, a newline `*0A`, and `*` itself `*2A`, which keeps the encoding unambiguous).
 * Keeping the two apart is what lets the console tell syntax from values. `test/notify/logs-insights.test.ts`
 * decodes the link back to check it.
 */

/** How far either side of the event the link's time range reaches. */
export const LOGS_INSIGHTS_WINDOW_MINUTES = 5;

/** The query the link opens (`"` and `\` in the audit id are escaped for the query language). */
export function logsInsightsQuery(auditId: string): string {
  const quoted = auditId.replace(/[\\"]/g, (c) => `\\${c}`);
  return [
    'fields @timestamp, verb, requestURI, user.username, responseStatus.code',
    `| filter auditID = "${quoted}"`,
    '| sort @timestamp asc',
    '| limit 20',
  ].join('\n');
}

/**
 * The console link for the finding's event, or undefined when the finding does not say which region and
 * log group it came from (a link to the wrong place is worse than none).
 *
 * @example
 * logsInsightsUrl(aFinding());
 * // 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:logs-insights$3FqueryDetail$3D$257E$2528end$257E$2527...'
 */
export function logsInsightsUrl(finding: Finding): string | undefined {
  const { region, logGroup } = finding.where;
  if (!region || !logGroup || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) return undefined;
  const time = Date.parse(finding.time);
  if (Number.isNaN(time)) return undefined;
  const windowMs = LOGS_INSIGHTS_WINDOW_MINUTES * 60_000;
  const detail = [
    syntax("~(end~'"),
    value(new Date(time + windowMs).toISOString()),
    syntax("~start~'"),
    value(new Date(time - windowMs).toISOString()),
    syntax("~timeType~'ABSOLUTE~tz~'UTC~editorString~'"),
    value(logsInsightsQuery(finding.auditId)),
    syntax("~source~(~'"),
    value(logGroup),
    syntax('))'),
  ].join('');
  return `${consoleHome(region)}#logsV2:logs-insights${syntaxOnce('?queryDetail=')}${detail}`;
}

/** The console's home for a region, by partition (China and GovCloud have their own consoles). */
function consoleHome(region: string): string {
  if (region.startsWith('cn-'))
    return `https://${region}.console.amazonaws.cn/cloudwatch/home?region=${region}`;
  if (region.startsWith('us-gov-')) {
    return `https://console.amazonaws-us-gov.com/cloudwatch/home?region=${region}`;
  }
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}`;
}

/** encodeURIComponent, plus the characters it leaves alone that the console reads as syntax. */
function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const value = (text: string): string => percentEncode(text).replaceAll('%', '*');
const syntax = (text: string): string => percentEncode(percentEncode(text)).replaceAll('%', '$');
const syntaxOnce = (text: string): string => percentEncode(text).replaceAll('%', '$');
