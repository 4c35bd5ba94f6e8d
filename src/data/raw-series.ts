import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "csv-parse/sync";

/** One observation of a time series: an ISO date (YYYY-MM-DD) and its value. */
export interface Point {
  date: string;
  value: number;
}

/** A bad raw file, with the place to look: file, line (1 = header) and column. */
export class RawDataError extends Error {
  constructor(file: string, line: number | undefined, column: string | undefined, problem: string) {
    const where = [file, line === undefined ? "" : `line ${line}`, column === undefined ? "" : `column "${column}"`]
      .filter((part) => part !== "")
      .join(", ");
    super(`${where}: ${problem}`);
    this.name = "RawDataError";
  }
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
// Plain decimal numbers only: FRED writes "." for a missing value, which must not slip through as NaN.
const decimal = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Read one series from a two-column CSV (a date column and a value column, named as in the file's
 * header). Every problem is reported with the file, line and column where it occurs.
 */
export function readSeries(file: string, dateColumn: string, valueColumn: string): Point[] {
  const name = path.basename(file);
  if (!fs.existsSync(file)) throw new RawDataError(file, undefined, undefined, "raw data file not found");

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(fs.readFileSync(file, "utf8"), { info: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    throw new RawDataError(name, undefined, undefined, `not readable as CSV: ${(err as Error).message}`);
  }
  if (records.length === 0) throw new RawDataError(name, 1, undefined, "file is empty, expected a header");

  const header = records[0].record;
  const indexOf = (column: string): number => {
    const index = header.indexOf(column);
    if (index < 0) {
      throw new RawDataError(name, 1, column, `missing column (header has ${header.map((h) => `"${h}"`).join(", ")})`);
    }
    return index;
  };
  const dateIndex = indexOf(dateColumn);
  const valueIndex = indexOf(valueColumn);

  return records.slice(1).map(({ record, info }) => {
    const date = record[dateIndex] ?? "";
    const text = record[valueIndex] ?? "";
    if (!isoDate.test(date)) throw new RawDataError(name, info.lines, dateColumn, `"${date}" is not a YYYY-MM-DD date`);
    if (!decimal.test(text)) throw new RawDataError(name, info.lines, valueColumn, `"${text}" is not a number`);
    return { date, value: Number(text) };
  });
}
