// The formatters on their own: pure functions of a ResultTable.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tableFromIPC } from 'apache-arrow';
import { formatArrow } from '../src/format/arrow.ts';
import { formatCsv, neutraliseFormula } from '../src/format/csv.ts';
import { formatFromExtension } from '../src/format/index.ts';
import { formatJson, formatNdjson } from '../src/format/json.ts';
import { formatMarkdown } from '../src/format/markdown.ts';
import { asciiRow, formatTable, gridLines, type Grid } from '../src/format/table.ts';
import type { ReportMeta, ResultTable } from '../src/result.ts';

const table: ResultTable = {
  columns: [
    { name: 'AppDisplayName', type: 'VARCHAR' },
    { name: 'Requests', type: 'INTEGER' },
    { name: 'PctAllowed', type: 'DOUBLE' },
  ],
  rows: [
    ['=HYPERLINK("http://evil.example","x")', 3, 66.67],
    ['Outlook, "new" | desktop\nclient', 1, 100],
    ['-2+3', 2, 0],
    [null, 1, 12.5],
  ],
};

const meta: ReportMeta = {
  title: 'Token protection per app',
  semantics: 'corrected',
  logs: ['interactive', 'noninteractive'],
  resources: 'Office 365 Exchange Online',
  window: '2026-11-13 12:00:00 < TimeGenerated ≤ 2026-11-20 12:00:00 UTC',
  summary: '7 requests, 2 Block, 5 Allow (71.43% allowed)',
};

describe('csv', () => {
  test('cells a spreadsheet would run as formulas get a leading apostrophe', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.equal(neutraliseFormula(text), `'${text}`);
    for (const text of ['Outlook', '1-2', 'a=b', '']) assert.equal(neutraliseFormula(text), text);
  });

  test('a formula after a line break or white space, or in full-width characters, is neutralised too', () => {
    for (const text of ['\n=1+1', '\r\n=1+1', '\nx', ' =1+1', '\u00a0@x', '\uff1d1+1']) assert.equal(neutraliseFormula(text), `'${text}`);
    for (const text of ['Outlook\n=1', 'a b']) assert.equal(neutraliseFormula(text), text);
  });

  test('a field holding a line feed or carriage return alone is quoted, so it stays one cell', () => {
    const lines: ResultTable = { columns: [{ name: 'AppDisplayName', type: 'VARCHAR' }], rows: [['two\nlines'], ['one\rmore'], ['Outlook\n=1']] };
    assert.equal(formatCsv(lines), 'AppDisplayName\r\n"two\nlines"\r\n"one\rmore"\r\n"Outlook\n=1"\r\n');
  });

  test('RFC 4180: CRLF, a header row, quotes doubled, numbers plain', () => {
    assert.equal(
      formatCsv(table),
      'AppDisplayName,Requests,PctAllowed\r\n' +
        `"'=HYPERLINK(""http://evil.example"",""x"")",3,66.67\r\n` +
        '"Outlook, ""new"" | desktop\nclient",1,100\r\n' +
        "'-2+3,2,0\r\n" +
        ',1,12.5\r\n',
    );
  });
});

describe('json', () => {
  test('an array of row objects with JSON numbers, or one object a line', () => {
    const rows = JSON.parse(formatJson(table)) as unknown[];
    assert.deepEqual(rows[0], { AppDisplayName: '=HYPERLINK("http://evil.example","x")', Requests: 3, PctAllowed: 66.67 });
    assert.deepEqual(rows[3], { AppDisplayName: null, Requests: 1, PctAllowed: 12.5 });
    const lines = formatNdjson(table).trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.deepEqual(JSON.parse(lines[2]!), { AppDisplayName: '-2+3', Requests: 2, PctAllowed: 0 });
  });
});

describe('markdown', () => {
  test('a GitHub table with numbers right-aligned and pipes escaped', () => {
    const lines = formatMarkdown(table).trimEnd().split('\n');
    assert.equal(lines.length, 6);
    assert.match(lines[0]!, /^\| AppDisplayName +\| Requests \| PctAllowed \|$/);
    assert.match(lines[1]!, /^\| :-+ \| -+: \| -+: \|$/);
    assert.ok(lines[3]!.includes('Outlook, "new" \\| desktop client'));
  });
});

describe('table', () => {
  test('a header with window, logs, resources, semantics and totals; no line wider than 80', () => {
    const text = formatTable({ ...table, rows: [...table.rows, ['An application with a very long display name that cannot fit', 1, 50]] }, meta);
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], 'Token protection per app (corrected semantics)');
    assert.match(text, /Window: +2026-11-13 12:00:00 < TimeGenerated ≤ 2026-11-20 12:00:00 UTC/);
    assert.match(text, /Logs: +interactive, noninteractive/);
    assert.match(text, /Resources: +Office 365 Exchange Online/);
    assert.match(text, /Totals: +7 requests, 2 Block, 5 Allow \(71\.43% allowed\)/);
    for (const line of lines) assert.ok([...line].length <= 80, `${[...line].length} columns: ${line}`);
    assert.match(text, /An application with a very long display name.*…/);
    assert.doesNotMatch(text, /\x1b\[/, 'no colour codes');
  });

  test('a row of printable ASCII is drawn as cli-table3 draws it; other rows are left to cli-table3', () => {
    const grid: Grid = { heads: ['Name', 'Blocked\nUsers', 'Note'], widths: [10, 9, 3], aligns: ['left', 'right', 'left'] };
    const rows = [
      ['', '', ''],
      ['12345678', '1234567', 'a'], // exactly the room of each column
      ['123456789', '12345678', 'ab'], // one over: truncated with …
      ['a | b  c ', '0', ' '],
      ['~`!@#$%^&*()_+{}[]:;"\'<>,.?/\\', '-12.5', 'xyz'],
    ];
    for (const row of rows) {
      const [expected] = gridLines(grid, [row]).slice(3, -1); // under the top border and the names' two lines
      assert.equal(asciiRow(grid, row), expected, JSON.stringify(row));
    }
    for (const text of ['Zoë', '用户', 'tab\there', 'two\nlines', '\x1b[31mred\x1b[0m', 'a\u00a0b']) {
      assert.equal(asciiRow(grid, [text, '1', 'a']), null, JSON.stringify(text));
    }
  });

  test('every row under one header, in order: rows of wide characters and line breaks among the others', () => {
    const columns = [
      { name: 'UserPrincipalName', type: 'VARCHAR' },
      { name: 'Requests', type: 'INTEGER' },
      { name: 'BlockedUsers', type: 'INTEGER' },
    ];
    // Cells of one width, so a table of one row has the layout of the table of them all.
    const row = (i: number) => [`${['user', 'üser', 'usér'][i % 3]}${String(i).padStart(6, '0')}@contoso.example`, 100000 + i, 200000 + i];
    const count = 500;
    const lines = (rows: ResultTable['rows']) => formatTable({ columns, rows }, meta).trimEnd().split('\n');
    const all = lines(Array.from({ length: count }, (_, i) => row(i)));
    const alone = (i: number) => lines([row(i)]);
    const heading = alone(0).slice(0, -2); // the header, the top border and the column names (two lines: Blocked, Users)
    assert.ok(heading.some((line) => /│ +Users │/.test(line)), 'the names of the columns take two lines');
    assert.deepEqual(all.slice(0, heading.length), heading);
    assert.deepEqual(all.slice(heading.length, -1), Array.from({ length: count }, (_, i) => alone(i).at(-2)));
    assert.equal(all.at(-1), alone(0).at(-1));
    const broken = lines([['two\nlines', 1, 2]]);
    assert.deepEqual(broken.slice(heading.length, -1).map((line) => line.split('│')[1]!.trim()), ['two', 'lines'], 'a line break makes a row two lines, as cli-table3 draws it');
  });

  test('a table of more rows than a function call takes arguments (140,000) is drawn whole', () => {
    const rows = Array.from({ length: 140000 }, (_, i) => [i]);
    const text = formatTable({ columns: [{ name: 'Requests', type: 'INTEGER' }], rows }, meta);
    const numbers = text.split('\n').flatMap((line) => /^│ +(\d+) │$/.exec(line)?.[1] ?? []);
    assert.equal(numbers.length, 140000);
    assert.equal(numbers[0], '0');
    assert.equal(numbers.at(-1), '139999');
  });
});

describe('arrow', () => {
  test('an IPC file with typed columns that reads back equal', () => {
    const withTime: ResultTable = {
      columns: [...table.columns, { name: 'FirstSeen', type: 'TIMESTAMP' }],
      rows: table.rows.map((row, i) => [...row, i === 3 ? null : `2026-11-1${i}T08:00:00.000Z`]),
    };
    const read = tableFromIPC(formatArrow(withTime));
    assert.deepEqual(read.schema.fields.map((f) => [f.name, String(f.type)]), [
      ['AppDisplayName', 'Utf8'],
      ['Requests', 'Int32'],
      ['PctAllowed', 'Float64'],
      ['FirstSeen', 'Timestamp<MILLISECOND>'],
    ]);
    assert.deepEqual(read.getChild('AppDisplayName')!.toArray(), table.rows.map((r) => r[0]));
    assert.deepEqual([...read.getChild('Requests')!.toArray()], [3, 1, 2, 1]);
    assert.deepEqual([...read.getChild('PctAllowed')!.toArray()], [66.67, 100, 0, 12.5]);
    assert.equal(read.getChild('FirstSeen')!.get(0), Date.parse('2026-11-10T08:00:00Z'));
    assert.equal(read.getChild('FirstSeen')!.get(3), null);
  });
});

describe('format from --output', () => {
  test('the extension names the format', () => {
    assert.equal(formatFromExtension('apps.csv'), 'csv');
    assert.equal(formatFromExtension('out/users.JSONL'), 'ndjson');
    assert.equal(formatFromExtension('apps.arrow'), 'arrow');
    assert.equal(formatFromExtension('apps.md'), 'markdown');
    assert.equal(formatFromExtension('apps'), undefined);
  });
});
