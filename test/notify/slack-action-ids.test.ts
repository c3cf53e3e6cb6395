import { describe, expect, it } from 'vitest';
import {
  buttonValue,
  cardActionOf,
  parseButtonValue,
  SlackActionIds,
} from '../../src/notify/slack/action-ids';
import { InputError } from '../../src/shared/errors';

describe('SlackActionIds', () => {
  it('has one distinct action id per card action, within Slack’s 255 characters', () => {
    const ids = Object.values(SlackActionIds);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(255);
  });

  it('maps an action id back to its card action, and nothing else', () => {
    expect(cardActionOf(SlackActionIds.escalate)).toBe('escalate');
    expect(cardActionOf('someone_elses_button')).toBeUndefined();
  });
});

describe('parseButtonValue', () => {
  it('reads back the alert id a button was rendered with', () => {
    expect(parseButtonValue(buttonValue('f-6b1d0c9e2a4f'))).toEqual({ v: 1, alertId: 'f-6b1d0c9e2a4f' });
  });

  it.each([
    ['not a string', 42, 'expected a string'],
    ['not JSON', 'f-6b1d', 'not JSON'],
    ['an unknown version', '{"v":2,"alertId":"x"}', 'v:'],
    ['an empty alert id', '{"v":1,"alertId":""}', 'alertId:'],
    ['extra fields', '{"v":1,"alertId":"x","admin":true}', 'admin'],
  ])('rejects %s with an InputError that says what is wrong', (_name, value, message) => {
    expect(() => parseButtonValue(value)).toThrow(InputError);
    expect(() => parseButtonValue(value)).toThrow(message);
  });
});
