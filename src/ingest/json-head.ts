/**
 * What the first bytes of a JSON export say about its layout, without parsing its records: a
 * scanner that follows strings and nesting only as far as the first record's keys. DuckDB reads
 * the records themselves; this only decides how to ask it (container, envelope, key casing).
 */

/** How the top-level values are laid out. */
export type JsonContainer = 'lines' | 'array' | 'values';

/** The object that holds the records, when the first value is one (Event Hub, Graph page, REST API). */
export type JsonEnvelope = 'records' | 'value' | 'tables';

export interface JsonHead {
  readonly container: JsonContainer;
  readonly envelope: JsonEnvelope | null;
  /** The first record's top-level keys, as far as the head holds them (envelope keys excluded). */
  readonly keys: readonly string[];
  /** The head holds no value at all (only whitespace), or an empty top-level array. */
  readonly empty: boolean;
  /** The head ends before the first record's keys do: a longer head may tell more. */
  readonly truncated: boolean;
}

const ENVELOPES: ReadonlySet<string> = new Set(['records', 'value', 'tables']);

/**
 * White space between JSON values: JSON's own four characters, and Unicode's others as /\s/ has
 * them, for text that only looks like JSON. By character code: the scanner runs over the first
 * record of every file a folder holds (720 for a month of hourly archives), once per process, before
 * the JIT has warmed up to anything slower.
 */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(String.fromCharCode(code)));
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/** A cursor over the head; running off its end is not an error, only the end of what we know. */
class Cursor {
  index = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.index >= this.text.length;
  }

  peek(): string {
    return this.text[this.index] ?? '';
  }

  skipSpace(): void {
    const { text } = this;
    while (this.index < text.length && isSpace(text.charCodeAt(this.index))) this.index++;
  }

  /** The index of the closing quote of the string whose opening quote is at the cursor; -1 when the head ends inside it. */
  private closingQuote(): number {
    const { text } = this;
    for (let i = this.index + 1; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) return i;
    }
    return -1;
  }

  /** Reads a string starting at its opening quote; null when the head ends inside it. */
  readString(): string | null {
    const end = this.closingQuote();
    if (end < 0) {
      this.index = this.text.length;
      return null;
    }
    const raw = this.text.slice(this.index + 1, end);
    this.index = end + 1;
    if (!raw.includes('\\')) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  }

  /** Skips one value of any kind; false when the head ends inside it. */
  skipValue(): boolean {
    this.skipSpace();
    const char = this.peek();
    if (char === '"') return this.readString() !== null;
    const { text } = this;
    if (char !== '{' && char !== '[') {
      for (; this.index < text.length; this.index++) {
        const code = text.charCodeAt(this.index);
        if (isSpace(code) || code === COMMA || code === CLOSE_BRACKET || code === CLOSE_BRACE) return true;
      }
      return false;
    }
    let depth = 0;
    for (; this.index < text.length; this.index++) {
      const c = text[this.index];
      if (c === '"') {
        const end = this.closingQuote();
        if (end < 0) {
          this.index = text.length;
          return false;
        }
        this.index = end;
      } else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) {
          this.index++;
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Walks the object at the cursor, calling visit(key) with the cursor at each value; visit
   * returns whether it consumed the value. Returns false when the head ends inside the object.
   */
  walkObject(visit: (key: string) => boolean): boolean {
    this.index++; // {
    for (;;) {
      this.skipSpace();
      if (this.done) return false;
      if (this.peek() === '}') {
        this.index++;
        return true;
      }
      if (this.peek() === ',') {
        this.index++;
        continue;
      }
      if (this.peek() !== '"') return false;
      const key = this.readString();
      if (key === null) return false;
      this.skipSpace();
      if (this.peek() !== ':') return false;
      this.index++;
      this.skipSpace();
      if (!visit(key) && !this.skipValue()) return false;
    }
  }
}

/** The keys of the object at the cursor (the cursor is left after it, or at the end of the head). */
function objectKeys(cursor: Cursor): { keys: string[]; complete: boolean } {
  const keys: string[] = [];
  const complete = cursor.walkObject((key) => {
    keys.push(key);
    return false;
  });
  return { keys, complete };
}

/** The keys of the first object in the array at the cursor; [] when it is empty or not objects. */
function firstElementKeys(cursor: Cursor): { keys: string[]; empty: boolean; complete: boolean } {
  cursor.index++; // [
  cursor.skipSpace();
  if (cursor.peek() === ']') return { keys: [], empty: true, complete: true };
  if (cursor.peek() !== '{') return { keys: [], empty: false, complete: !cursor.done };
  const { keys, complete } = objectKeys(cursor);
  return { keys, empty: false, complete };
}

/** Whether only whitespace separates the cursor from the end of its line (or of the head). */
function endsLine(cursor: Cursor): boolean {
  for (let i = cursor.index; i < cursor.text.length; i++) {
    const code = cursor.text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) return true;
    if (!isSpace(code)) return false;
  }
  return true;
}

/**
 * Describes the head of a JSON export (from its first non-space character): `[` is an array of
 * records (or several arrays appended, which only DuckDB can tell); `{` is one record per line when
 * the first value takes one line, else a stream of values; an object with `records`, `value` or `tables` holding an array is an
 * envelope whose first item's keys are reported. Returns null when the head is not JSON.
 */
export function describeJsonHead(text: string): JsonHead | null {
  const cursor = new Cursor(text);
  cursor.skipSpace();
  if (cursor.done) return { container: 'values', envelope: null, keys: [], empty: true, truncated: false };
  if (cursor.peek() === '[') {
    const { keys, empty, complete } = firstElementKeys(cursor);
    return { container: 'array', envelope: null, keys, empty, truncated: !complete };
  }
  if (cursor.peek() !== '{') return null;
  const topKeys: string[] = [];
  let envelope: JsonEnvelope | null = null;
  let items = { keys: [] as string[], complete: false };
  const complete = cursor.walkObject((key) => {
    topKeys.push(key);
    if (envelope === null && ENVELOPES.has(key) && cursor.peek() === '[') {
      envelope = key as JsonEnvelope;
      const at = cursor.index;
      items = firstElementKeys(cursor);
      cursor.index = at;
    }
    return false;
  });
  // One record per line: the first value spans no line break (JSON strings cannot hold a raw one)
  // and nothing but white space follows it on its line.
  const oneLine = complete && !/[\r\n]/.test(cursor.text.slice(0, cursor.index)) && endsLine(cursor);
  const container: JsonContainer = oneLine ? 'lines' : 'values';
  if (envelope === null) return { container, envelope, keys: topKeys, empty: false, truncated: !complete };
  // The REST API's rows hold no keys: its columns are Log Analytics', always PascalCase.
  return { container, envelope, keys: items.keys, empty: false, truncated: envelope !== 'tables' && !items.complete };
}

/** Keys that every shape spells the same way, or that say nothing about the rest (`Level` of diagnostic records). */
const NEUTRAL_KEYS: ReadonlySet<string> = new Set(['Level', 'level']);

/**
 * The spelling of a record's keys: 'pascal' (Log Analytics columns, Graph PowerShell SDK objects)
 * or 'camel' (diagnostic records, Graph objects), by the majority of its keys' first letters, so
 * that the order of the keys does not matter (pipelines that sort keys put `Level` first).
 */
export function keyCasing(keys: readonly string[]): 'camel' | 'pascal' {
  let upper = 0;
  let lower = 0;
  for (const key of keys) {
    if (NEUTRAL_KEYS.has(key)) continue;
    const first = key.replace(/^[@_]+/, '')[0] ?? '';
    if (first >= 'A' && first <= 'Z') upper++;
    else if (first >= 'a' && first <= 'z') lower++;
  }
  return upper > lower ? 'pascal' : 'camel';
}
