import type { CommandModule } from 'yargs';
export const reportCommand: CommandModule = {
  command: 'report',
  describe: 'Token protection reports',
  handler: () => undefined,
};
