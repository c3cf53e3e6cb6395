import type { CliCommand } from '../io';
import { matchCommand } from './match';
import { scanCommand } from './scan';
import { startCommand } from './start';
import { triageCommands } from './triage';

/**
 * Every `eks-audit` subcommand, in the order `eks-audit --help` lists them. One line per command: add yours
 * here.
 */
export const commands: readonly CliCommand[] = [startCommand, ...triageCommands, matchCommand, scanCommand];
