import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import {
  clusterFromLogGroup,
  type DecodedInput,
  type DecodeStats,
  decodeInput,
  decodeSubscriptionEvent,
  formatWhere,
  mergeDecodeStats,
  newDecodeStats,
  normalizeAuditEvent,
} from '../../audit';
import type { DetectInput } from '../../detect/detect';
import { describeError } from '../../shared/errors';
import type { CliIo } from '../io';

/** Everything read from the inputs of one `scan`: events to detect on, counts, and what could not be read. */
export interface ScanInput {
  readonly inputs: DetectInput[];
  readonly decodeStats: DecodeStats;
  /** Files that could not be read at all. */
  readonly unreadable: number;
  /** The cluster named by a CloudWatch log group in the input (`/aws/eks/<cluster>/cluster`), if any. */
  readonly clusterFromInput?: string;
}

/**
 * Reads every file (or standard input for none or `-`), decodes it in whatever format it is, and writes each
 * problem to standard error as `file:line: reason: detail`. One bad line never stops the rest.
 */
export async function readScanInput(files: readonly string[], io: CliIo): Promise<ScanInput> {
  const inputs: DetectInput[] = [];
  const decodeStats = newDecodeStats();
  let unreadable = 0;
  let clusterFromInput: string | undefined;
  if (files.length === 0 && (io.stdin as { isTTY?: boolean }).isTTY) {
    io.stderr.write(
      'eks-audit scan: reading audit events from standard input (end with Ctrl-D; --help for usage)\n',
    );
  }
  for (const file of files.length === 0 ? ['-'] : files) {
    const text = await readText(file, io);
    if (text === undefined) {
      unreadable += 1;
      continue;
    }
    const decoded = decodeInput(text, file === '-' ? '(stdin)' : file);
    mergeDecodeStats(decodeStats, decoded.stats);
    clusterFromInput ??= clusterOfBatch(text, decoded.format);
    for (const item of decoded.items) {
      if (!item.ok) {
        io.stderr.write(
          `${problemLine(formatWhere(item.where), item.problem.reason, item.problem.detail)}\n`,
        );
        continue;
      }
      const event = normalizeAuditEvent(item.event, { fallbackTime: item.logTime });
      inputs.push({ event, message: item.message });
    }
  }
  return { inputs, decodeStats, unreadable, ...(clusterFromInput ? { clusterFromInput } : {}) };
}

/**
 * The cluster named by the log group of a CloudWatch subscription payload or awslogs envelope. The decoder
 * does not return the log group for a whole input, so the CLI reads it again (once per file, not per event).
 */
function clusterOfBatch(text: string, format: DecodedInput['format']): string | undefined {
  if (format !== 'subscription-payload' && format !== 'awslogs-envelope') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (format === 'awslogs-envelope') {
      const result = decodeSubscriptionEvent(value);
      return result.ok ? result.batch.cluster : undefined;
    }
    const logGroup = (value as { logGroup?: unknown }).logGroup;
    return typeof logGroup === 'string' ? clusterFromLogGroup(logGroup) : undefined;
  } catch {
    return undefined;
  }
}

/** `audit.jsonl:3: malformed-json: invalid JSON (12 bytes): ...`, without repeating the place. */
function problemLine(where: string, reason: string, detail: string): string {
  const own = detail.startsWith(`${where}: `) ? detail.slice(where.length + 2) : detail;
  return `${where}: ${reason}: ${own}`;
}

async function readText(file: string, io: CliIo): Promise<string | undefined> {
  try {
    return file === '-' ? await readAll(io.stdin) : await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    io.stderr.write(`eks-audit scan: cannot read ${file}: ${describeError(error)}\n`);
    return undefined;
  }
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
