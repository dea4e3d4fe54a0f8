import { IN_MEMORY, withDatabase } from '../db.js';
import { generateKql, type BlockerRule } from '../kql/generate.js';
import { checkBlockerRules, checkReportOptions, DEFAULT_BLOCKER_RULES } from '../report/reports.js';
import type { ResultTable } from '../result.js';
import { emit } from './report-run.js';
import type { KqlArgs } from './kql.js';

function rulesOf(table: ResultTable): BlockerRule[] {
  const at = (name: string) => table.columns.findIndex((c) => c.name === name);
  return table.rows.map((row) => ({
    line: Number(row[at('line')]),
    rank: Number(row[at('rank')]),
    cause: String(row[at('cause')] ?? ''),
    field: String(row[at('field')] ?? ''),
    match: String(row[at('match')] ?? ''),
    pattern: String(row[at('pattern')] ?? ''),
    explanation: String(row[at('explanation')] ?? ''),
  }));
}

export async function runKql(args: KqlArgs): Promise<void> {
  checkReportOptions(args.report, args.semantics, { rules: args.rules });
  let rules: { file: string; rows: BlockerRule[] } | undefined;
  if (args.report === 'blockers') {
    // The rules CSV is read and checked by DuckDB, as for the SQL report.
    const file = args.rules ?? DEFAULT_BLOCKER_RULES;
    rules = await withDatabase(IN_MEMORY, {}, async ({ connection }) => ({ file: args.rules ?? 'queries/blocker-rules.csv', rows: rulesOf(await checkBlockerRules(connection, file)) }));
  }
  const text = generateKql(args.report, { ...args, rules });
  await emit(text, 'table', args.output);
}
