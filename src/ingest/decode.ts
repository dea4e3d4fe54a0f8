import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { damagedGzip, type Encoding } from './detect.js';

/**
 * Streams a UTF-16 file (gzipped or not) into a UTF-8 copy without its byte order mark, in
 * bounded memory, because DuckDB's readers take UTF-8 only.
 */
export async function transcodeToUtf8(path: string, gzip: boolean, encoding: Encoding, dir: string, name: string): Promise<string> {
  const decoder = new TextDecoder(encoding === 'utf16be' ? 'utf-16be' : 'utf-16le'); // drops the BOM
  const target = join(dir, name);
  const toUtf8 = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), 'utf8'));
    },
  });
  const stages = [createReadStream(path), ...(gzip ? [createGunzip()] : []), toUtf8, createWriteStream(target)];
  await pipeline(stages);
  return target;
}

/**
 * Reads a gzip file to its end, so that damage anywhere (a cut stream, a wrong CRC or length)
 * is found: DuckDB's reader stops at the data it can inflate and checks neither.
 */
export async function verifyGzip(path: string): Promise<void> {
  const discard = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  try {
    await pipeline(createReadStream(path), createGunzip(), discard);
  } catch (error) {
    throw damagedGzip(path, error);
  }
}
