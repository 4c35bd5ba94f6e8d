import { columnIndexes, CsvError, readCsvTable } from "./csv-table";

/** One observation of a time series: an ISO date (YYYY-MM-DD) and its value. */
export interface Point {
  date: string;
  value: number;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
// Plain decimal numbers only: FRED writes "." for a missing value, which must not slip through as NaN.
const decimal = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Read one series from a two-column CSV (a date column and a value column, named as in the file's
 * header). Every problem is a CsvError naming the file, line and column where it occurs.
 */
export function readSeries(file: string, dateColumn: string, valueColumn: string): Point[] {
  const table = readCsvTable(file);
  const [dateIndex, valueIndex] = columnIndexes(table, [dateColumn, valueColumn]);
  return table.rows.map((row, r) => {
    const date = row[dateIndex!]!.trim();
    const text = row[valueIndex!]!.trim();
    if (!isoDate.test(date)) throw new CsvError(file, table.lines[r]!, dateColumn, `"${date}" is not a YYYY-MM-DD date`);
    if (!decimal.test(text)) throw new CsvError(file, table.lines[r]!, valueColumn, `"${text}" is not a number`);
    return { date, value: Number(text) };
  });
}
