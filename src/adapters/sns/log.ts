/**
 * The logging the SNS adapters need: a message and flat fields (ids, counts, codes; never a message body).
 * Structurally compatible with most loggers; the default writes one JSON line per record, as Lambda expects.
 */
export interface PublisherLog {
  info(message: string, fields: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields: Readonly<Record<string, unknown>>): void;
}

/** Writes `{"level":"info","message":...,...fields}` to the console. */
export const consoleJsonLog: PublisherLog = {
  info: (message, fields) => console.log(JSON.stringify({ level: 'info', message, ...fields })),
  warn: (message, fields) => console.warn(JSON.stringify({ level: 'warn', message, ...fields })),
};
