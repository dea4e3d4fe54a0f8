import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../errors.js';
import type { BlockerRule, StatusCodeRow } from '../kql/generate.js';
import { emit, warn } from '../output.js';
import type { Group } from '../report/groups.js';
import type { ResultTable } from '../result.js';
import {
  GROUP_REPORTS,
  KQL_WORDING,
  REPORTS,
  SQL_ONLY_REPORTS,
  parseDimensions,
  parseTrendBy,
  withBlockerOptions,
  withCountOptions,
  withGroupOptions,
  withKqlByOption,
  withOutputOption,
  withReadinessOptions,
  withWaveOptions,
  type Dimension,
  type KqlArgs,
  type TrendBy,
} from '../vocabulary.js';

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

/** --by as the report takes it: trend's day or app, breakdown's dimensions; no other report has one. */
function byOf(args: KqlArgs): { by?: TrendBy; dimensions?: Dimension[] } {
  if (args.report === 'trend') return { by: parseTrendBy(args.by ?? []) };
  if (args.report === 'breakdown') return { dimensions: parseDimensions(args.by ?? []) };
  if (args.by !== undefined) throw new UserError(`--by: the ${args.report} report has no --by`, { hint: 'trend takes --by day|app, breakdown --by DIMENSION' });
  return {};
}

/** Prints the KQL of a report. */
export async function runKql(args: KqlArgs): Promise<void> {
  const { checkBlockerRules, checkReportOptions, checkStatusCodes, usesStatusCodes, DEFAULT_BLOCKER_RULES, DEFAULT_STATUS_CODES } = await import('../report/reports.js');
  const { generateKql } = await import('../kql/generate.js');
  if (SQL_ONLY_REPORTS.has(args.report)) {
    throw new UserError(`the ${args.report} report has no KQL form`, { hint: `run "signin-audit report ${args.report}" over exported sign-ins; kql prints ${REPORTS.filter((r) => !SQL_ONLY_REPORTS.has(r)).join(', ')}` });
  }
  checkReportOptions(args.report, args.semantics, { rules: args.rules, statusCodes: args.statusCodes, groups: args.groups, mode: args.mode });
  const by = byOf(args);
  let rules: { file: string; rows: BlockerRule[] } | undefined;
  let statusCodes: { file: string; rows: StatusCodeRow[] } | undefined;
  let membership: { groups: Group[]; limit: boolean } | undefined;
  const warnings: string[] = [];
  if (usesStatusCodes(args.report, args.semantics) || args.groups !== undefined) {
    // The CSVs and the membership exports are read and checked by DuckDB, as for the SQL reports.
    const { IN_MEMORY, withDatabase } = await import('../db.js');
    const { readMembership, selectGroups } = await import('../report/groups.js');
    await withDatabase(IN_MEMORY, {}, async ({ connection }) => {
      if (usesStatusCodes(args.report, args.semantics)) {
        statusCodes = {
          file: args.statusCodes ?? 'queries/token-protection-status-codes.csv',
          rows: statusCodesOf(await checkStatusCodes(connection, args.statusCodes ?? DEFAULT_STATUS_CODES)),
        };
      }
      if (args.report === 'blockers' || args.report === 'waves') {
        rules = { file: args.rules ?? 'queries/blocker-rules.csv', rows: rulesOf(await checkBlockerRules(connection, args.rules ?? DEFAULT_BLOCKER_RULES)) };
      }
      if (args.groups !== undefined) {
        const read = await readMembership(connection, args.groups, args.groupName);
        warnings.push(...read.warnings);
        const limit = Boolean(args.group && args.group.length > 0);
        // Only the groups a query uses go into it: those it lists, or those it is limited to.
        if (GROUP_REPORTS.has(args.report) || limit) membership = { groups: selectGroups(read, args.group), limit };
      }
    });
  }
  for (const warning of warnings) warn(warning);
  const text = generateKql(args.report, { ...args, by: undefined, ...by, rules, statusCodes, membership });
  await emit(text, 'table', args.output);
}

export const kqlCommand: CommandModule<object, KqlArgs> = {
  command: 'kql <report>',
  describe: 'Print the KQL of a report, to run in Log Analytics or Azure Data Explorer where the logs already are',
  builder: (y: Argv) =>
    withOutputOption(
      withWaveOptions(
        withBlockerOptions(
          withKqlByOption(withReadinessOptions(withGroupOptions(withCountOptions(y.positional('report', { choices: REPORTS, describe: 'The report' }), KQL_WORDING)), 'readiness: ')),
          'blockers and waves: ',
        ),
        'waves: ',
      ),
    )
      .example('$0 kql apps', 'paste into Log Analytics: the last 7 days of both logs')
      .example('$0 kql users --log noninteractive --since 2026-11-01 --until 2026-11-15', 'a fixed window, one log')
      .example('$0 kql apps --resources all-protected', 'every resource token protection protects')
      .example("$0 kql apps -o apps.kql && az monitor log-analytics query -w $WORKSPACE --analytics-query \"$(cat apps.kql)\"", 'run it from a script')
      .example('$0 kql blockers --rules my-rules.csv', 'with your own blocker rules')
      .example('$0 kql breakdown --by platform --by client', 'requests per platform and client')
      .example('$0 kql waves --groups sample-groups', 'the wave plan, the groups written into the query') as unknown as Argv<KqlArgs>,
  handler: (argv) => runKql(argv),
};
