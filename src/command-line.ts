// The command line (src/cli.ts loads it): yargs, the single catch, exit codes.
// files → detect format & log → DuckDB read_json → signins table → queries/*.sql with bound params
//       → ResultTable → formatter → stdout | file
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ingestCommand } from './commands/ingest.js';
import { reportCommand } from './commands/report.js';
import { auditCommand, historyCommand } from './commands/audit.js';
import { htmlCommand } from './commands/html.js';
import { exportCommand } from './commands/export.js';
import { kqlCommand } from './commands/kql.js';
import { EXIT, UserError } from './errors.js';
import { describeFailure } from './failures.js';
import { projectPath } from './project-path.js';
import { refuseInvalidOptions } from './vocabulary.js';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // The reader of our output went away (e.g. `| head`): that is not a failure.
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
});

const debug = process.argv.includes('--debug');
// yargs lays out the help of every command it runs, to have it ready; we only ever print it for
// --help (errors are one line). Unwrapped, that layout costs half as much (about 20 ms a run).
const helpAsked = process.argv.some((arg) => arg === '--help' || arg === '-h');
// Our version, from our package.json: yargs, bundled, would look for it from the bundle's place or
// the working directory.
const { version } = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string };

try {
  await yargs(hideBin(process.argv))
    .scriptName('signin-audit')
    .usage('$0 <command> [options]\n\nToken Protection (token binding) readiness from exported Entra ID sign-in logs.')
    .command(ingestCommand)
    .command(reportCommand)
    .command(auditCommand)
    .command(historyCommand)
    .command(htmlCommand)
    .command(kqlCommand)
    .command(exportCommand)
    .option('debug', { type: 'boolean', describe: 'Show stack traces for errors', global: true, hidden: false })
    .demandCommand(1, 'Name a command: ingest, report, audit, history, html, kql or export')
    .example('$0 report apps sample-logs', 'per-app Block/Allow for the shipped samples')
    .example('$0 ingest exports/ --db audit.duckdb', 'store exports in a database, then report from it')
    .check(refuseInvalidOptions)
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(version)
    // yargs' own messages in English whatever the locale, as ours are (bundled, it has no translations).
    .detectLocale(false)
    .wrap(helpAsked ? Math.min(100, process.stdout.columns || 100) : null)
    .fail((message, error) => {
      // Errors of the commands (and refused option values) pass through; what yargs says (its own
      // YError, or a message) is a usage error, one line however yargs wraps it ("Invalid values:\n ...").
      if (error && error.name !== 'YError') throw error;
      const oneLine = (message ?? error?.message ?? 'invalid arguments').replace(/\s*\n\s*/g, ' ').replace(/[.\s]+$/, '');
      throw new UserError(oneLine, { hint: 'see signin-audit --help' });
    })
    .parseAsync();
} catch (error) {
  const report = describeFailure(error, { debug });
  process.stderr.write(report.text);
  process.exitCode = report.exitCode;
}
