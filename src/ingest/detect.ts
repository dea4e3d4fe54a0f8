import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { UserError } from '../errors.js';

export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';
/** How a file's records are laid out, as far as its first bytes tell. */
export type Layout = 'ndjson' | 'array' | 'values' | 'csv' | 'empty';

export interface Sniffed {
  readonly gzip: boolean;
  readonly encoding: Encoding;
  readonly layout: Layout;
}

const HEAD_BYTES = 64 * 1024;

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The first bytes of a gzip stream, decompressed; a truncated stream still yields what it has. */
function gunzipHead(head: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const gunzip = createGunzip();
    gunzip.on('data', (chunk: Buffer) => chunks.push(chunk));
    gunzip.on('error', () => resolve(Buffer.concat(chunks)));
    gunzip.on('end', () => resolve(Buffer.concat(chunks)));
    gunzip.end(head);
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

function layoutOf(path: string, text: string): Layout {
  const trimmed = text.trimStart();
  if (trimmed === '') return 'empty';
  if (trimmed.startsWith('[')) return 'array';
  if (trimmed.startsWith('{')) {
    const newline = trimmed.indexOf('\n');
    const firstLine = newline === -1 ? '' : trimmed.slice(0, newline).trimEnd();
    return firstLine.length > 1 && firstLine.endsWith('}') ? 'ndjson' : 'values';
  }
  if (ADMIN_CENTER_CSV.test(trimmed)) {
    throw new UserError(`${path}: this is the Entra admin center's CSV download, which has no per-policy Conditional Access results`, {
      hint: 'download the sign-ins as JSON instead, or export them from Log Analytics',
    });
  }
  const header = trimmed.split(/\r?\n/, 1)[0] ?? '';
  if (/\.csv(\.gz)?$/i.test(path) || (header.includes(',') && /\b(Id|TimeGenerated|UserPrincipalName)\b/.test(header))) {
    return 'csv';
  }
  throw new UserError(`${path}: not a sign-in log export (neither JSON nor CSV)`, {
    hint: 'signin-audit reads Log Analytics, diagnostic-settings, Event Hub and Microsoft Graph exports in JSON, and Log Analytics CSV',
  });
}

/** Compression, encoding and layout of a file, from its first 64 KiB. */
export async function sniffFile(path: string): Promise<Sniffed> {
  let head = await readHead(path);
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  if (gzip) head = await gunzipHead(head);
  const encoding = encodingOf(head);
  return { gzip, encoding, layout: layoutOf(path, textOf(head, encoding)) };
}
