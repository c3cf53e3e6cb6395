import type { CliCommand } from '../io';

/** `eks-audit start`: runs the whole pipeline locally (issue "Run it locally"). */
export const startCommand: CliCommand = {
  name: 'start',
  summary: 'run the whole pipeline locally on embedded defaults',
  async run(_args, io) {
    io.stdout.write('eks-audit-bot: the local pipeline is being built; try `eks-audit --help`.\n');
    return 0;
  },
};
