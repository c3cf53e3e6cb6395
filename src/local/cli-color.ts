import type { Writable } from 'node:stream';

/**
 * Whether to colour what goes to `stream`: only a terminal, and never with `NO_COLOR` set (no-color.org).
 *
 * @example
 * wantsColor(process.stdout, process.env); // false when piped
 */
export function wantsColor(stream: Writable, env: NodeJS.ProcessEnv): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true && (env.NO_COLOR ?? '') === '';
}
