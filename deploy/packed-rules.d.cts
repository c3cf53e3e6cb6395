import type { Plugin } from 'esbuild';

/** Types of deploy/packed-rules.cjs (osls loads the .cjs; tests import it). */
export function packRulesFile(
  serviceDir: string,
  rulesFile: string,
): { ok: true; json: string; rules: number } | { ok: false; problems: string };
/** An esbuild plugin putting `rulesFile`, packed, in the ingest bundle in place of the default rules. */
export function packedRulesPlugin(serviceDir: string, rulesFile: string | undefined): Plugin;
export function rulesFileOf(serverless: unknown): string | undefined;
export function failure(rulesFile: string, problems: string): string;
