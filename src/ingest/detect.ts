import { closeSync, openSync, readSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { UserError } from '../errors.js';
import { describeJsonHead, keyCasing, type JsonHead } from './json-head.js';

export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';
export type Casing = 'camel' | 'pascal';

/** What a file holds, as far as its first bytes tell. */
export type Sniffed =
  | { readonly kind: 'json'; readonly gzip: boolean; readonly encoding: Encoding; readonly head: JsonHead; readonly casing: Casing }
  | { readonly kind: 'csv'; readonly gzip: boolean; readonly encoding: Encoding; readonly casing: 'pascal' }
  | { readonly kind: 'empty'; readonly gzip: boolean; readonly encoding: Encoding }
  /** Neither JSON nor CSV: what the head looks like instead, for the message. */
  | { readonly kind: 'other'; readonly gzip: boolean; readonly encoding: Encoding; readonly looks: string };

/** Enough for the first record of any export we know; a longer head is read when it is not. */
const HEAD_BYTES = 64 * 1024;
const LONG_HEAD_BYTES = 1024 * 1024;

/** Where heads are read into: one buffer for all (a head is decoded to text before the next is read), not 64 KB more for each file. */
let headBuffer = Buffer.alloc(0);

/**
 * A file's first bytes, read synchronously: a head is one small read, and Node's thread pool,
 * which asynchronous reads queue on, is busy with DuckDB opening the database meanwhile (see
 * ingestFiles). Sniffing sample-logs/ a second time took 55 ms this way before, 20 ms now. The
 * bytes are valid until the next head is read.
 */
function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    if (headBuffer.length < bytes) headBuffer = Buffer.allocUnsafe(bytes);
    const bytesRead = readSync(fd, headBuffer, 0, bytes, 0);
    return headBuffer.subarray(0, bytesRead);
  } finally {
    closeSync(fd);
  }
}

const isGzip = (bytes: Buffer): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * The first bytes of a gzip stream, decompressed. A stream cut or damaged so early that nothing
 * comes out is refused here; damage further on is found by verifying the whole stream (decode.ts).
 */
function gunzipHead(path: string, head: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const gunzip = createGunzip();
    gunzip.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    const finish = (error?: Error) => {
      if (size === 0 && error) reject(damagedGzip(path, error));
      else resolve(Buffer.concat(chunks));
    };
    gunzip.on('error', finish);
    gunzip.on('end', () => finish());
    gunzip.end(head);
  });
}

export function damagedGzip(path: string, error: unknown): UserError {
  const reason = error instanceof Error ? error.message : String(error);
  return new UserError(`${path}: damaged gzip file (${reason})`, {
    hint: 'the file is truncated or corrupt (gzip -t says the same); copy or download it again, or pass --skip-invalid to store the other files',
  });
}

function encodingOf(bytes: Buffer): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  return 'utf8';
}

const BOM_LENGTH: Record<Encoding, number> = { utf8: 0, 'utf8-bom': 3, utf16le: 2, utf16be: 2 };

function textOf(bytes: Buffer, encoding: Encoding): string {
  const body = bytes.subarray(BOM_LENGTH[encoding]);
  if (encoding === 'utf16le') return body.toString('utf16le');
  if (encoding === 'utf16be') return new TextDecoder('utf-16be').decode(body);
  return body.toString('utf8');
}

/** The admin center's CSV download has only the overall CA status, not the per-policy results. */
const ADMIN_CENTER_CSV = /^"?Date \(UTC\)"?,/;

/** A header line of comma-separated names, as Log Analytics writes them. */
const CSV_HEADER = /^("[^"\n]*"|[^",\n]+)(,("[^"\n]*"|[^",\n]*))+\r?$/;

function describeOther(text: string): string {
  if (text.includes('\u0000')) return 'binary data';
  const line = text.trimStart().split(/\r?\n/, 1)[0] ?? '';
  return `text starting ${JSON.stringify(line.length > 24 ? `${line.slice(0, 24)}…` : line)}`;
}

function sniffText(path: string, gzip: boolean, encoding: Encoding, text: string): Sniffed | 'longer' {
  const trimmed = text.trimStart();
  if (trimmed === '') return { kind: 'empty', gzip, encoding };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const head = describeJsonHead(trimmed);
    if (head) {
      if (head.truncated) return 'longer';
      if (head.empty && head.container === 'values') return { kind: 'empty', gzip, encoding };
      return { kind: 'json', gzip, encoding, head, casing: head.envelope === 'tables' ? 'pascal' : keyCasing(head.keys) };
    }
  }
  if (ADMIN_CENTER_CSV.test(trimmed)) {
    throw new UserError(`${path}: this is the Entra admin center's CSV download, which has no per-policy Conditional Access results`, {
      hint: 'download the sign-ins as JSON instead, or export them from Log Analytics',
    });
  }
  const header = trimmed.split('\n', 1)[0] ?? '';
  if (!header.includes('\u0000') && CSV_HEADER.test(header)) return { kind: 'csv', gzip, encoding, casing: 'pascal' };
  return { kind: 'other', gzip, encoding, looks: describeOther(trimmed) };
}

interface Head {
  readonly gzip: boolean;
  readonly encoding: Encoding;
  readonly text: string;
}

async function headOf(path: string, bytes: number): Promise<Head> {
  let head = readHead(path, bytes);
  const gzip = isGzip(head);
  // Decompressed while other heads are read: from a copy of its own.
  if (gzip) head = await gunzipHead(path, Buffer.from(head));
  const encoding = encodingOf(head);
  return { gzip, encoding, text: textOf(head, encoding) };
}

/** Compression, encoding and layout of a file, and the spelling of its records' keys, from its first bytes. */
export async function sniffFile(path: string): Promise<Sniffed> {
  const short = await headOf(path, HEAD_BYTES);
  const sniffed = sniffText(path, short.gzip, short.encoding, short.text);
  if (sniffed !== 'longer') return sniffed;
  const { gzip, encoding, text } = await headOf(path, LONG_HEAD_BYTES);
  const again = sniffText(path, gzip, encoding, text);
  if (again !== 'longer') return again;
  // Even a megabyte does not hold the first record's keys (or the file ends inside it): let
  // DuckDB read it, as an array or a stream of values, and say where it fails if it does.
  const head = describeJsonHead(text.trimStart())!;
  return { kind: 'json', gzip, encoding, head: { ...head, container: head.container === 'lines' ? 'values' : head.container }, casing: keyCasing(head.keys) };
}
