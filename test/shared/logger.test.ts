import { describe, expect, it } from 'vitest';
import { createLogger, type LoggerOptions } from '../../src/shared/logger';

function capture(options: Omit<LoggerOptions, 'write'> = {}) {
  const lines: string[] = [];
  const logger = createLogger({ ...options, write: (line) => lines.push(line) });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON object per line: level, time, message, then the fields', () => {
    const { logger, lines } = capture({ clock: () => new Date('2026-11-20T14:01:09.000Z') });
    logger.info('finding', { findingId: 'f-1', ruleId: 'rbac-change' });
    expect(lines).toEqual([
      '{"level":"info","time":"2026-11-20T14:01:09.000Z","message":"finding","findingId":"f-1","ruleId":"rbac-change"}',
    ]);
  });

  it('drops records below the configured level', () => {
    const { logger, records } = capture({ level: 'warn' });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(records().map((r) => r.level)).toEqual(['warn', 'error']);
  });

  it('writes info and above by default', () => {
    const { logger, records } = capture();
    logger.debug('d');
    logger.info('i');
    expect(records().map((r) => r.message)).toEqual(['i']);
  });

  it('adds a child logger fields to every record, and keeps the parent unchanged', () => {
    const { logger, records } = capture({ fields: { fn: 'ingest' } });
    const child = logger.child({ requestId: 'req-1' }).child({ batch: 2 });
    child.info('one');
    logger.info('two');
    expect(records()).toEqual([
      { level: 'info', message: 'one', fn: 'ingest', requestId: 'req-1', batch: 2 },
      { level: 'info', message: 'two', fn: 'ingest' },
    ]);
  });

  it('never lets a field overwrite the level or the message', () => {
    const { logger, records } = capture();
    logger.warn('real', { level: 'debug', message: 'forged' });
    expect(records()).toEqual([{ level: 'warn', message: 'real' }]);
  });

  it('does not throw on fields JSON cannot hold', () => {
    const { logger, records } = capture();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    logger.info('big', { n: 10n });
    logger.info('cycle', { cycle });
    expect(records()[0]).toEqual({ level: 'info', message: 'big', n: '10' });
    expect(records()[1]).toMatchObject({
      level: 'info',
      message: 'cycle',
      logError: expect.stringContaining('fields could not be serialised'),
    });
  });
});
