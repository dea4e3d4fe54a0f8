import { UserError } from '../errors.js';
import { computePage } from '../report/page.js';
import { checkReportOptions, resolveScope } from '../report/reports.js';
import { emit, openArgsSources } from './report-run.js';
import type { HtmlArgs } from './html.js';

export async function runHtml(args: HtmlArgs): Promise<void> {
  if (!Number.isInteger(args.topApps) || args.topApps < 0) {
    throw new UserError(`--top-apps ${String(args.topApps)}: not a whole number of apps`, { hint: 'e.g. --top-apps 5; 0 draws the overall line only' });
  }
  checkReportOptions('blockers', 'corrected', { rules: args.rules });
  const sources = await openArgsSources(args);
  try {
    const { connection } = sources.database;
    const scope = await resolveScope(connection, sources.tables, args);
    const page = await computePage(connection, scope, args.semantics, { minRequests: args.minRequests, minDays: args.minDays, rules: args.rules, topApps: args.topApps });
    const { formatHtmlPage } = await import('../format/html.js');
    await emit(formatHtmlPage(page), 'html', args.output);
  } finally {
    sources.close();
  }
}
