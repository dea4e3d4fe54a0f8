import { Bool, DateDay, Float64, Int32, Int64, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';
import type { Cell, Column, ResultTable } from '../result.js';

/** Explicit Arrow types for DuckDB's, so that strings stay Utf8 rather than inferred dictionaries. */
function arrowType(column: Column): DataType {
  if (/^(INTEGER|SMALLINT|TINYINT)$/.test(column.type)) return new Int32();
  if (/^(BIGINT|HUGEINT|UBIGINT)$/.test(column.type)) return new Int64();
  if (/^(DOUBLE|FLOAT|DECIMAL)/.test(column.type)) return new Float64();
  if (column.type === 'BOOLEAN') return new Bool();
  if (column.type === 'DATE') return new DateDay();
  if (column.type.startsWith('TIMESTAMP')) return new TimestampMillisecond();
  return new Utf8();
}

function arrowValues(type: DataType, cells: Cell[]): unknown[] {
  if (type instanceof Int64) return cells.map((c) => (c === null ? null : BigInt(c as number)));
  if (type instanceof TimestampMillisecond || type instanceof DateDay) {
    return cells.map((c) => (c === null ? null : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(String(c)) ? String(c) : `${String(c)}Z`)));
  }
  if (type instanceof Utf8) return cells.map((c) => (c === null ? null : String(c)));
  return cells;
}

/** An Arrow IPC file with typed columns (readable by pyarrow, polars and DuckDB). */
export function formatArrow(table: ResultTable): Uint8Array {
  const vectors = Object.fromEntries(
    table.columns.map((column, i) => {
      const type = arrowType(column);
      return [column.name, vectorFromArray(arrowValues(type, table.rows.map((row) => row[i] ?? null)), type)];
    }),
  );
  return tableToIPC(new Table(vectors), 'file');
}
