import type { Argv, CommandModule } from 'yargs';
import type { BlockerRule, StatusCodeRow } from '../kql/generate.js';
import { emit } from '../output.js';
import type { ResultTable } from '../result.js';
import { KQL_WORDING, REPORTS, withBlockerOptions, withCountOptions, withOutputOption, withReadinessOptions, withTrendOptions, type KqlArgs } from '../vocabulary.js';

const columnOf = (table: ResultTable) => (name: string) => table.columns.findIndex((c) => c.name === name);

function rulesOf(table: ResultTable): BlockerRule[] {
  const at = columnOf(table);
  return table.rows.map((row) => ({
    line: Number(row[at('line')]),
    rank: Number(row[at('rank')]),
    cause: String(row[at('cause')] ?? ''),
    field: String(row[at('field')] ?? ''),
    match: String(row[at('match')] ?? ''),
    pattern: String(row[at('pattern')] ?? ''),
    explanation: String(row[at('explanation')] ?? ''),
    action: String(row[at('action')] ?? ''),
  }));
}

function statusCodesOf(table: ResultTable): StatusCodeRow[] {
  const at = columnOf(table);
  return table.rows.map((row) => ({
    line: Number(row[at('line')]),
    code: row[at('code')] === null ? null : Number(row[at('code')]),
    platform: String(row[at('platform')] ?? ''),
    cause: String(row[at('cause')] ?? ''),
    selfRemediable: row[at('self_remediable')] === true,
    action: String(row[at('action')] ?? ''),
    explanation: String(row[at('explanation')] ?? ''),
  }));
}

/** Prints the KQL of a report. */
export async function runKql(args: KqlArgs): Promise<void> {
  const { checkBlockerRules, checkReportOptions, checkStatusCodes, usesStatusCodes, DEFAULT_BLOCKER_RULES, DEFAULT_STATUS_CODES } = await import('../report/reports.js');
  const { generateKql } = await import('../kql/generate.js');
  checkReportOptions(args.report, args.semantics, { rules: args.rules, statusCodes: args.statusCodes });
  let rules: { file: string; rows: BlockerRule[] } | undefined;
  let statusCodes: { file: string; rows: StatusCodeRow[] } | undefined;
  if (usesStatusCodes(args.report, args.semantics)) {
    // The CSVs are read and checked by DuckDB, as for the SQL reports.
    const { IN_MEMORY, withDatabase } = await import('../db.js');
    await withDatabase(IN_MEMORY, {}, async ({ connection }) => {
      statusCodes = {
        file: args.statusCodes ?? 'queries/token-protection-status-codes.csv',
        rows: statusCodesOf(await checkStatusCodes(connection, args.statusCodes ?? DEFAULT_STATUS_CODES)),
      };
      if (args.report === 'blockers') {
        rules = { file: args.rules ?? 'queries/blocker-rules.csv', rows: rulesOf(await checkBlockerRules(connection, args.rules ?? DEFAULT_BLOCKER_RULES)) };
      }
    });
  }
  const text = generateKql(args.report, { ...args, rules, statusCodes });
  await emit(text, 'table', args.output);
}

export const kqlCommand: CommandModule<object, KqlArgs> = {
  command: 'kql <report>',
  describe: 'Print the KQL of a report, to run in Log Analytics or Azure Data Explorer where the logs already are',
  builder: (y: Argv) =>
    withOutputOption(
      withBlockerOptions(withTrendOptions(withReadinessOptions(withCountOptions(y.positional('report', { choices: REPORTS, describe: 'The report' }), KQL_WORDING), 'readiness: '), 'trend: '), 'blockers: '),
    )
      .example('$0 kql apps', 'paste into Log Analytics: the last 7 days of both logs')
      .example('$0 kql users --log noninteractive --since 2026-11-01 --until 2026-11-15', 'a fixed window, one log')
      .example('$0 kql apps --resources all-protected', 'every resource token protection protects')
      .example("$0 kql apps -o apps.kql && az monitor log-analytics query -w $WORKSPACE --analytics-query \"$(cat apps.kql)\"", 'run it from a script')
      .example('$0 kql blockers --rules my-rules.csv', 'with your own blocker rules') as unknown as Argv<KqlArgs>,
  handler: (argv) => runKql(argv),
};
