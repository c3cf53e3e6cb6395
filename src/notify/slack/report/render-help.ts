import type { KnownBlock } from '@slack/types';
import { eksAuditUsage } from '../../../report/command';
import { context, section } from '../blocks';
import { prose } from './format';

/**
 * The help text, with what was not understood first when the command was not.
 *
 * @example
 * renderHelp('unknown subcommand "reprot"');
 */
export function renderHelp(problem?: string): KnownBlock[] {
  const lines = eksAuditUsage.map(([usage, what]) => `• \`/eks-audit ${usage}\`: ${what}`);
  return [
    ...(problem ? [section(`⚠️ ${prose(problem, 300)}`)] : []),
    section(
      ['*eks-audit*: manual changes in your EKS clusters and what the team did about them', ...lines].join(
        '\n',
      ),
    ),
    context(['Answers are shown only to you; add `public` anywhere to post one in the channel.']),
  ];
}
