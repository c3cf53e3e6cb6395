import { createLogger, type Logger } from '../../../src/shared/logger';

/** A logger that keeps its JSON records for assertions (and prints nothing). */
export function recordingLog(): Logger & { readonly records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'debug', write: (line) => records.push(JSON.parse(line)) });
  return Object.assign(log, { records });
}
