import { parseArgs } from 'node:util';
import { type ScanFormat, scanFormats } from './output';

/** The options of one `scan` run, validated. */
export interface ScanOptions {
  readonly files: readonly string[];
  readonly rules?: string;
  readonly pattern?: string;
  readonly format: ScanFormat;
  readonly cluster?: string;
  readonly help: boolean;
}

/**
 * Parses `scan` arguments.
 *
 * @throws Error with a one-line message for a usage error (unknown option, --rules with --pattern, ...).
 */
export function parseScanOptions(args: readonly string[]): ScanOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      rules: { type: 'string', short: 'r' },
      pattern: { type: 'string', short: 'p' },
      format: { type: 'string', short: 'f', default: 'table' },
      cluster: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.rules !== undefined && values.pattern !== undefined) {
    throw new Error('--rules and --pattern cannot be used together');
  }
  const format = values.format as ScanFormat;
  if (!scanFormats.includes(format)) {
    throw new Error(`--format must be one of ${scanFormats.join(', ')}, got '${values.format}'`);
  }
  return {
    files: positionals,
    format,
    help: values.help === true,
    ...(values.rules !== undefined ? { rules: values.rules } : {}),
    ...(values.pattern !== undefined ? { pattern: values.pattern } : {}),
    ...(values.cluster !== undefined ? { cluster: values.cluster } : {}),
  };
}
