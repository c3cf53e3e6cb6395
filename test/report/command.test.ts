import { describe, expect, it } from 'vitest';
import { parseEksAuditCommand } from '../../src/report/command';

describe('parseEksAuditCommand', () => {
  it.each([
    ['', { name: 'help', public: false }],
    ['help', { name: 'help', public: false }],
    ['pending', { name: 'pending', public: false }],
    ['PENDING public', { name: 'pending', public: true }],
    ['report', { name: 'report', window: '7d', public: false }],
    ['report 24h', { name: 'report', window: '24h', public: false }],
    ['report 30d prod-eu', { name: 'report', window: '30d', cluster: 'prod-eu', public: false }],
    ['report prod-eu 30D', { name: 'report', window: '30d', cluster: 'prod-eu', public: false }],
    ['public report prod-eu', { name: 'report', window: '7d', cluster: 'prod-eu', public: true }],
    ['show f-6b1d0c9e2a4f', { name: 'show', alertId: 'f-6b1d0c9e2a4f', public: false }],
    ['show `f-6b1d0c9e2a4f`', { name: 'show', alertId: 'f-6b1d0c9e2a4f', public: false }],
    ['user alice@example.com', { name: 'user', who: 'alice@example.com', public: false }],
    ['user Alice Smith public', { name: 'user', who: 'Alice Smith', public: true }],
    ['  user\u00a0 bob  ', { name: 'user', who: 'bob', public: false }],
  ])('reads %j', (text, expected) => {
    expect(parseEksAuditCommand(text)).toEqual(expected);
  });

  it.each([
    ['reprot 30d', /unknown subcommand "reprot"/],
    ['report 90d', /unknown report window "90d": use 24h, 7d or 30d/],
    ['report 7d prod-eu staging', /"staging" is one word too many/],
    ['show', /show needs one alert id/],
    ['show a b', /show needs one alert id/],
    ['user', /user needs a name or an e-mail/],
    ['pending now', /pending takes no arguments/],
  ])('answers %j with the help and what was not understood', (text, problem) => {
    const command = parseEksAuditCommand(text);
    expect(command.name).toBe('help');
    expect(command.name === 'help' && command.problem).toMatch(problem);
  });

  it('keeps the public flag on help too', () => {
    expect(parseEksAuditCommand('nonsense public')).toMatchObject({ name: 'help', public: true });
  });
});
