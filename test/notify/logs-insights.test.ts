import { describe, expect, it } from 'vitest';
import { logsInsightsQuery, logsInsightsUrl } from '../../src/notify/logs-insights';
import { aFinding } from '../support/builders';

/**
 * Decodes a console link the way the console does (see the scheme in src/notify/logs-insights.ts), written
 * independently here: `$` -> `%` and two URI decodings for the syntax, then `*` -> `%` and one decoding for
 * each value.
 */
function decodeDetail(url: string): Record<string, string | string[]> {
  const fragment = url.slice(url.indexOf('#logsV2:logs-insights') + '#logsV2:logs-insights'.length);
  const syntax = decodeURIComponent(decodeURIComponent(fragment.replaceAll('$', '%')));
  expect(syntax.startsWith('?queryDetail=~(')).toBe(true);
  const body = syntax.slice('?queryDetail=~('.length, -1);
  const value = (v: string) => decodeURIComponent(v.replace(/^'/, '').replaceAll('*', '%'));
  const out: Record<string, string | string[]> = {};
  const tokens = body.split('~');
  for (let i = 0; i < tokens.length; i += 2) {
    const key = tokens[i] ?? '';
    if (tokens[i + 1] === '(') {
      const items: string[] = [];
      i += 2;
      while (tokens[i] !== undefined && !tokens[i]?.endsWith(')')) items.push(value(tokens[i++] ?? ''));
      items.push(value((tokens[i] ?? '').replace(/\)+$/, '')));
      out[key] = items;
      i -= 1;
    } else {
      out[key] = value(tokens[i + 1] ?? '');
    }
  }
  return out;
}

describe('logsInsightsUrl', () => {
  it('opens the regional console on the finding’s log group', () => {
    const url = logsInsightsUrl(aFinding()) ?? '';
    expect(
      url.startsWith(
        'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:logs-insights$3FqueryDetail$3D$257E$2528end$257E$2527',
      ),
    ).toBe(true);
    expect(decodeDetail(url).source).toEqual(['/aws/eks/prod-eu/cluster']);
  });

  it('queries the audit id over five minutes either side of the event, in absolute UTC time', () => {
    const detail = decodeDetail(logsInsightsUrl(aFinding()) ?? '');
    expect(detail).toMatchObject({
      start: '2026-11-20T13:56:07.123Z',
      end: '2026-11-20T14:06:07.123Z',
      timeType: 'ABSOLUTE',
      tz: 'UTC',
      editorString: logsInsightsQuery('4f7c8f3e-5a3b-4b8e-9d55-0e7b1e2f9a10'),
    });
    expect(detail.editorString).toContain('| filter auditID = "4f7c8f3e-5a3b-4b8e-9d55-0e7b1e2f9a10"');
  });

  it('keeps syntax characters in values from breaking the link', () => {
    const finding = aFinding({
      auditId: `a~b'(c)*"d\\`,
      where: { logGroup: '/aws/eks/odd~name(1)/cluster' },
    });
    const detail = decodeDetail(logsInsightsUrl(finding) ?? '');
    expect(detail.editorString).toContain(`| filter auditID = "a~b'(c)*\\"d\\\\"`);
    expect(detail.source).toEqual(['/aws/eks/odd~name(1)/cluster']);
  });

  it('uses the China and GovCloud consoles in those partitions', () => {
    expect(logsInsightsUrl(aFinding({ where: { region: 'cn-north-1' } }))).toMatch(
      /^https:\/\/cn-north-1\.console\.amazonaws\.cn\/cloudwatch\/home\?region=cn-north-1#/,
    );
    expect(logsInsightsUrl(aFinding({ where: { region: 'us-gov-west-1' } }))).toMatch(
      /^https:\/\/console\.amazonaws-us-gov\.com\/cloudwatch\/home\?region=us-gov-west-1#/,
    );
  });

  it('gives no link rather than a wrong one when the region or log group is unknown or odd', () => {
    expect(logsInsightsUrl(aFinding({ where: { region: undefined } }))).toBeUndefined();
    expect(logsInsightsUrl(aFinding({ where: { logGroup: undefined } }))).toBeUndefined();
    expect(logsInsightsUrl(aFinding({ where: { region: 'evil.example/x' } }))).toBeUndefined();
    expect(logsInsightsUrl(aFinding({ time: 'not a time' }))).toBeUndefined();
  });
});
