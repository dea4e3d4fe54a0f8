// Charts as inline SVG, drawn by Observable Plot on a server-side DOM (linkedom): the page needs
// no script and no network to show them. Labels from the logs are text nodes, escaped when the
// DOM is serialised.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { ResultTable } from '../result.js';

/** Okabe–Ito: told apart by readers with any common colour-vision deficiency. */
export const ALLOW_COLOUR = '#0072B2';
export const BLOCK_COLOUR = '#D55E00';
const SERIES_COLOURS = ['currentColor', '#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#0072B2', '#D55E00', '#F0E442'];
const LABEL_LENGTH = 34;

type Row = Record<string, unknown>;

const rowsOf = (table: ResultTable): Row[] => table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c.name, row[i]])));
const shorten = (name: string): string => (name.length > LABEL_LENGTH ? `${name.slice(0, LABEL_LENGTH - 1)}…` : name);
const appName = (row: Row): string => (row.AppDisplayName === '' || row.AppDisplayName === null ? '(no app name)' : String(row.AppDisplayName));

function serialise(chart: Element): string {
  return chart.outerHTML;
}

function newDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/** Stacked Allow/Block bars per app, in the apps report's order (most requests first). */
export function appsChart(apps: ResultTable): string {
  const rows = rowsOf(apps);
  const order = rows.map(appName);
  const data = rows.flatMap((row) => [
    { app: appName(row), outcome: 'Allow', requests: Number(row.Allow ?? 0), total: Number(row.Requests ?? 0) },
    { app: appName(row), outcome: 'Block', requests: Number(row.Block ?? 0), total: Number(row.Requests ?? 0) },
  ]).filter((d) => d.requests > 0);
  const longest = Math.max(0, ...order.map((name) => shorten(name).length));
  const chart = Plot.plot({
    document: newDocument(),
    width: 900,
    style: { fontSize: '12px' },
    height: 50 + 24 * Math.max(1, order.length),
    marginLeft: Math.min(260, 20 + 6.5 * longest),
    marginRight: 30,
    ariaLabel: 'Allow and Block requests per app',
    ariaDescription: rows.map((row) => `${appName(row)}: ${String(row.Allow)} Allow, ${String(row.Block)} Block`).join('; '),
    x: { label: 'Requests', grid: true },
    y: { label: null, domain: order, tickFormat: shorten },
    color: { domain: ['Allow', 'Block'], range: [ALLOW_COLOUR, BLOCK_COLOUR], legend: true },
    marks: [
      Plot.barX(data, {
        x: 'requests',
        y: 'app',
        fill: 'outcome',
        title: (d: (typeof data)[number]) => `${d.app}: ${d.requests} ${d.outcome} of ${d.total} requests`,
      }),
      Plot.ruleX([0]),
    ],
  });
  return serialise(chart);
}

/** % allowed per UTC day: overall, and for each of the top apps. */
export function trendChart(trend: ResultTable, trendByApp: ResultTable): string {
  const overall = rowsOf(trend).map((row) => ({ series: 'All apps', date: new Date(`${String(row.Date)}T00:00:00Z`), pct: row.PctAllowed as number | null, requests: Number(row.Requests ?? 0) }));
  const perApp = rowsOf(trendByApp).map((row) => ({ series: appName(row), date: new Date(`${String(row.Date)}T00:00:00Z`), pct: row.PctAllowed as number | null, requests: Number(row.Requests ?? 0) }));
  const data = [...overall, ...perApp];
  const series = [...new Set(data.map((d) => d.series))];
  const days = overall.length;
  const chart = Plot.plot({
    document: newDocument(),
    width: 900,
    style: { fontSize: '12px' },
    height: 320,
    marginRight: 30,
    ariaLabel: 'Percentage of requests allowed per UTC day',
    ariaDescription: overall.map((d) => `${d.date.toISOString().slice(0, 10)}: ${d.pct === null ? 'no requests' : `${d.pct}% allowed of ${d.requests}`}`).join('; '),
    x: { type: 'utc', label: 'UTC day', ...(days <= 14 ? { ticks: 'day' } : {}) },
    y: { label: '% allowed', domain: [0, 100], grid: true },
    color: { domain: series, range: SERIES_COLOURS.slice(0, Math.max(1, series.length)), legend: true, tickFormat: shorten },
    marks: [
      Plot.line(data, { x: 'date', y: 'pct', stroke: 'series', strokeWidth: (d: (typeof data)[number]) => (d.series === 'All apps' ? 3 : 1.5) }),
      Plot.dot(data.filter((d) => d.pct !== null), {
        x: 'date',
        y: 'pct',
        fill: 'series',
        r: 2.5,
        title: (d: (typeof data)[number]) => `${d.series}, ${d.date.toISOString().slice(0, 10)}: ${d.pct}% allowed of ${d.requests} requests`,
      }),
    ],
  });
  return serialise(chart);
}
