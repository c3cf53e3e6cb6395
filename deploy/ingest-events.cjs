'use strict';

/*
 * The ingest function's `events` in serverless.yml: one `cloudwatchLog` subscription per EKS audit log group,
 * all with the same filter pattern. serverless.yml cannot loop over a list, so this file turns the
 * `logGroups` parameter (comma- or space-separated) into the list of events:
 *
 *   functions.ingest.events: ${file(./deploy/ingest-events.cjs)}
 *
 * CommonJS because osls loads it with require(); the project itself is ESM.
 */

const presets = require('./filter-patterns.json');

/** CloudWatch Logs' limit on a subscription filter pattern. */
const MAX_PATTERN_LENGTH = 1024;
/** CloudWatch Logs' log group name rule (CreateLogGroup: 1-512 of [.-_/#A-Za-z0-9]). */
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;

/**
 * Splits the `logGroups` parameter into log group names: separated by commas, spaces or new lines,
 * duplicates removed, each checked against CloudWatch's naming rule.
 *
 * @example
 * parseLogGroups('/aws/eks/prod-eu/cluster, /aws/eks/prod-us/cluster')
 * // => ['/aws/eks/prod-eu/cluster', '/aws/eks/prod-us/cluster']
 * @param {unknown} value
 * @returns {string[]}
 */
function parseLogGroups(value) {
  const names = [
    ...new Set(
      String(value ?? '')
        .split(/[\s,]+/)
        .filter((name) => name.length > 0),
    ),
  ];
  if (names.length === 0) {
    throw new Error(
      'param "logGroups" is required: the EKS audit log group(s) to watch, e.g. ' +
        `--param "logGroups=/aws/eks/<cluster>/cluster" (several: comma-separated)`,
    );
  }
  const bad = names.filter((name) => !LOG_GROUP_NAME.test(name));
  if (bad.length > 0) {
    throw new Error(
      `param "logGroups": not a CloudWatch log group name: ${bad.map((b) => `"${b}"`).join(', ')}`,
    );
  }
  return names;
}

/**
 * The filter pattern for a `filterPattern` parameter: a preset name from filter-patterns.json (`broad`,
 * `seed`, `all`) or a literal CloudWatch filter pattern.
 *
 * @example
 * resolveFilterPattern('all') // => ''
 * @param {unknown} value
 * @returns {string}
 */
function resolveFilterPattern(value) {
  const text = String(value ?? '').trim();
  const preset = Object.hasOwn(presets, text) ? presets[text] : undefined;
  const pattern = preset ? preset.pattern : text;
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new Error(
      `param "filterPattern" is ${pattern.length} characters; CloudWatch Logs accepts at most ${MAX_PATTERN_LENGTH}`,
    );
  }
  return pattern;
}

/**
 * One `cloudwatchLog` event per log group, each with the same filter pattern.
 *
 * @example
 * ingestEvents('/aws/eks/a/cluster', 'seed')
 * // => [{ cloudwatchLog: { logGroup: '/aws/eks/a/cluster', filter: '{ ($.verb != "get" ...' } }]
 * @param {unknown} logGroups
 * @param {unknown} filterPattern
 */
function ingestEvents(logGroups, filterPattern) {
  const filter = resolveFilterPattern(filterPattern);
  return parseLogGroups(logGroups).map((logGroup) => ({ cloudwatchLog: { logGroup, filter } }));
}

/** The osls variable resolver: reads the two parameters and returns the events. */
async function resolveIngestEvents({ resolveVariable }) {
  const logGroups = await resolveVariable('param:logGroups');
  const filterPattern = await resolveVariable('param:filterPattern');
  return ingestEvents(logGroups, filterPattern);
}

module.exports = resolveIngestEvents;
module.exports.ingestEvents = ingestEvents;
module.exports.parseLogGroups = parseLogGroups;
module.exports.resolveFilterPattern = resolveFilterPattern;
module.exports.MAX_PATTERN_LENGTH = MAX_PATTERN_LENGTH;
