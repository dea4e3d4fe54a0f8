import type { ReportMeta, ResultTable } from '../result.js';

export const FORMATS = ['table', 'csv', 'json', 'ndjson', 'markdown', 'arrow', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** A pure function of the rows and what is known about them; it writes nowhere. */
export type Formatter = (table: ResultTable, meta: ReportMeta) => string | Uint8Array;

const EXTENSIONS: Record<string, Format> = {
  '.txt': 'table',
  '.csv': 'csv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.md': 'markdown',
  '.arrow': 'arrow',
  '.ipc': 'arrow',
  '.feather': 'arrow',
  '.html': 'html',
  '.htm': 'html',
};

/** The format a file name implies (report.csv → csv), if any. */
export function formatFromExtension(file: string): Format | undefined {
  const match = /\.[^./\\]+$/.exec(file.toLowerCase());
  return match ? EXTENSIONS[match[0]] : undefined;
}

/** Formatters are loaded on use, so that apache-arrow and the chart library are only imported when asked for. */
export async function loadFormatter(format: Format): Promise<Formatter> {
  switch (format) {
    case 'table':
      return (await import('./table.js')).formatTable;
    case 'csv':
      return (await import('./csv.js')).formatCsv;
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'ndjson':
      return (await import('./json.js')).formatNdjson;
    case 'markdown':
      return (await import('./markdown.js')).formatMarkdown;
    case 'arrow':
      return (await import('./arrow.js')).formatArrow;
    case 'html':
      return (await import('./html.js')).formatHtml;
  }
}
