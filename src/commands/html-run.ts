import { UserError } from '../errors.js';
import { MAX_TOP_APPS, computePage } from '../report/page.js';
import { checkReportOptions, resolveScope } from '../report/reports.js';
import { emit, openArgsSources } from './report-run.js';
import type { HtmlArgs } from './html.js';

export async function runHtml(args: HtmlArgs): Promise<void> {
  if (!Number.isInteger(args.topApps) || args.topApps < 0 || args.topApps > MAX_TOP_APPS) {
    throw new UserError(`--top-apps ${String(args.topApps)}: not a whole number of apps from 0 to ${MAX_TOP_APPS}`, {
      hint: `e.g. --top-apps 5; 0 draws the overall line only; beyond ${MAX_TOP_APPS} the lines' colours could not be told apart`,
    });
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
