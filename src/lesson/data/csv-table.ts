import * as fs from "node:fs";
import { parse } from "csv-parse/sync";

/** A CSV problem, located: file, 1-based line and, where it applies, the column. */
export class CsvError extends Error {
  override name = "CsvError";

  constructor(readonly file: string, readonly line: number, readonly column: string | null, problem: string) {
    super(`${file}${line > 0 ? `:${line}` : ""}${column ? `: column "${column}"` : ""}: ${problem}`);
  }
}

/** A CSV file read as text cells, with the header and each row's line number kept for errors. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: string[][];
  /** lines[i] is the 1-based line number of rows[i] in the file. */
  lines: number[];
}

const MIB = 1024 * 1024;
/** The largest dataset file read: the lesson's is 60 KiB; /dev/zero or a wrong file stops here. */
export const maxCsvBytes = 64 * MIB;

/** Read a CSV file with a header row; ragged rows and empty files are errors naming the line. */
export function readCsvTable(file: string): CsvTable {
  const text = readBoundedText(file);
  if (!text.trim()) throw new CsvError(file, 1, null, "the file is empty (expected a header row and data rows)");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new CsvError(file, e.lines ?? 0, null, e.message);
  }
  const [head, ...body] = records;
  const header = head!.record.map((h) => h.trim());
  if (body.length === 0) throw new CsvError(file, 2, null, "no data rows after the header");
  for (const { record, info } of body) {
    if (record.length !== header.length) {
      throw new CsvError(file, info.lines, null, `expected ${header.length} cells like the header, found ${record.length}`);
    }
  }
  return { file, header, rows: body.map((r) => r.record), lines: body.map((r) => r.info.lines) };
}

/**
 * A regular file's text, read in chunks and never past `maxCsvBytes`, so a device, a FIFO or a
 * huge file is refused with one line instead of filling memory.
 */
function readBoundedText(file: string): string {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CsvError(file, 0, null, code === "ENOENT" ? "file not found" : `cannot read the file (${(err as Error).message})`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new CsvError(file, 0, null, "not a regular file (a device, folder or pipe cannot be a dataset)");
    if (stat.size > maxCsvBytes) throw new CsvError(file, 0, null, `${(stat.size / MIB).toFixed(0)} MiB is over the ${maxCsvBytes / MIB} MiB limit for a dataset`);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(1 << 16);
    for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0; ) {
      total += n;
      if (total > maxCsvBytes) throw new CsvError(file, 0, null, `grew past the ${maxCsvBytes / MIB} MiB limit for a dataset while being read`);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString("utf8");
  } catch (err) {
    if (err instanceof CsvError) throw err;
    throw new CsvError(file, 0, null, `cannot read the file (${(err as Error).message})`);
  } finally {
    fs.closeSync(fd);
  }
}

/** The index of each wanted column; a missing one is an error naming it and the header. */
export function columnIndexes(table: CsvTable, wanted: readonly string[]): number[] {
  return wanted.map((name) => {
    const i = table.header.indexOf(name);
    if (i < 0) throw new CsvError(table.file, 1, name, `missing column (header has: ${table.header.join(", ")})`);
    return i;
  });
}

/**
 * Numeric columns as arrays, blank cells forward-filled from the row above (the series are
 * published at different frequencies, so a gap means "unchanged since last reported").
 * A non-numeric cell, or a blank one with nothing above it, is an error naming line and column.
 */
/** Decimal and exponent forms only, as the CLI flags take them. */
const plainNumber = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function numericColumns(table: CsvTable, names: readonly string[]): Float64Array[] {
  const indexes = columnIndexes(table, names);
  return indexes.map((col, k) => {
    const out = new Float64Array(table.rows.length);
    for (let r = 0; r < table.rows.length; r++) {
      const cell = table.rows[r]![col]!.trim();
      if (cell === "") {
        if (r === 0) throw new CsvError(table.file, table.lines[r]!, names[k]!, "empty cell in the first data row (nothing to forward-fill from)");
        out[r] = out[r - 1]!;
        continue;
      }
      const value = plainNumber.test(cell) ? Number(cell) : NaN; // Number() would read "0x10" as 16
      if (!Number.isFinite(value)) throw new CsvError(table.file, table.lines[r]!, names[k]!, `"${cell}" is not a number`);
      out[r] = value;
    }
    return out;
  });
}
