import { resolve } from 'node:path';
import { DEFAULT_RULES_FILE, readRuleSetFile } from '../../adapters/fs/rules-file';
import { type DetectionConfig, detectionConfigFrom } from '../../detect/config';
import { detect } from '../../detect/detect';
import { ruleSetFromPattern } from '../../detect/rules/ad-hoc';
import { RulesFileError } from '../../detect/rules/errors';
import type { RuleSet } from '../../detect/rules/types';
import { FilterPatternError, formatFilterPatternError } from '../../filter-pattern';
import { type Clock, systemClock } from '../../shared/clock';
import { type CliCommand, type CliIo, ExitCode } from '../io';
import { SCAN_HELP, SCAN_USAGE } from '../scan/help';
import { readScanInput } from '../scan/input';
import { parseScanOptions, type ScanOptions } from '../scan/options';
import { renderFindings, summaryLine } from '../scan/output';

/**
 * Builds `eks-audit scan` with an injected clock (tests pin `detectedAt`).
 *
 * @example
 * await createScanCommand({ clock: () => new Date('2026-01-01T00:00:00Z') }).run(['audit.jsonl'], io);
 */
export function createScanCommand(deps: { readonly clock: Clock }): CliCommand {
  return {
    name: 'scan',
    summary: 'find manual changes in audit log files (any format) and print the findings',
    async run(args, io) {
      let options: ScanOptions;
      try {
        options = parseScanOptions(args);
      } catch (error) {
        io.stderr.write(
          `eks-audit scan: ${error instanceof Error ? error.message : String(error)}\n${SCAN_USAGE}`,
        );
        return ExitCode.usage;
      }
      if (options.help) {
        io.stdout.write(SCAN_HELP);
        return ExitCode.ok;
      }
      const setup = prepare(options, io);
      if (typeof setup === 'number') return setup;
      const input = await readScanInput(options.files, io);
      const cluster = options.cluster ?? io.env.CLUSTER_NAME ?? input.clusterFromInput ?? 'unknown';
      const result = detect(input.inputs, setup.ruleSet, setup.config, { cluster, now: deps.clock() });
      for (const p of result.problems) io.stderr.write(`audit ${p.auditId}: ${p.reason}: ${p.detail}\n`);
      io.stdout.write(renderFindings(result.findings, options.format));
      io.stderr.write(summaryLine(input.decodeStats, result.stats, input.unreadable));
      return input.unreadable > 0 ? ExitCode.failure : ExitCode.ok;
    },
  };
}

/** `eks-audit scan` on the wall clock. */
export const scanCommand: CliCommand = createScanCommand({ clock: systemClock });

function prepare(options: ScanOptions, io: CliIo): { ruleSet: RuleSet; config: DetectionConfig } | number {
  try {
    return { ruleSet: ruleSetOf(options, io), config: configFromEnv(io.env) };
  } catch (error) {
    if (error instanceof FilterPatternError && options.pattern !== undefined) {
      io.stderr.write(
        `eks-audit scan: invalid --pattern\n${formatFilterPatternError(error, options.pattern)}`,
      );
    } else if (error instanceof RulesFileError) {
      io.stderr.write(`eks-audit scan: invalid rules file\n${error.message}\n`);
    } else {
      io.stderr.write(
        `eks-audit scan: invalid configuration: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    return ExitCode.usage;
  }
}

function ruleSetOf(options: ScanOptions, io: CliIo): RuleSet {
  if (options.pattern !== undefined) return ruleSetFromPattern(options.pattern);
  const file = options.rules ?? io.env.RULES_FILE;
  return file === undefined
    ? readRuleSetFile(DEFAULT_RULES_FILE)
    : readRuleSetFile(resolve(io.cwd, file), file);
}

function csv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function configFromEnv(env: NodeJS.ProcessEnv): DetectionConfig {
  return detectionConfigFrom({
    protectedNamespaces: csv(env.PROTECTED_NAMESPACES),
    automationUsernames: csv(env.AUTOMATION_USERNAMES),
    automationRoleArns: csv(env.AUTOMATION_ROLE_ARNS),
  });
}
