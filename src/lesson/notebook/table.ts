/**
 * HTML tables for notebooks: danfojs has no rich display in tslab, and `print()` is capped at
 * 10 x 10. Accepts an array of row objects or anything DataFrame-like (`columns` + `values`).
 */
import { displayOutput } from "./tslab-output";
import { escapeHtml } from "./escape-html";

export type Row = Record<string, unknown>;

/** The shape of a danfojs DataFrame that we read: column names and a row-major array of values. */
export interface FrameLike {
  columns: string[];
  values: unknown[][] | unknown[];
  index?: unknown[];
}

export interface TableOptions {
  /** Rows shown; the rest are summarised as "... N more rows". Default 10. */
  maxRows?: number;
  /** Significant digits for numbers. Default 6. */
  digits?: number;
}

interface Table {
  columns: string[];
  rows: unknown[][];
}

function isFrameLike(x: unknown): x is FrameLike {
  return typeof x === "object" && x !== null && !Array.isArray(x) && Array.isArray((x as FrameLike).columns) && Array.isArray((x as FrameLike).values);
}

function toTable(source: Row[] | FrameLike): Table {
  if (isFrameLike(source)) {
    const rows = source.values.map((r) => (Array.isArray(r) ? r : [r]));
    // Row labels such as describe()'s "count", "mean", "std" are shown; a plain 0, 1, 2... index is not.
    const index = source.index;
    if (index && index.some((label, i) => label !== i)) {
      return { columns: ["", ...source.columns], rows: rows.map((r, i) => [index[i], ...r]) };
    }
    return { columns: source.columns, rows };
  }
  if (!Array.isArray(source)) throw new Error("showTable: expected an array of row objects or a DataFrame");
  const columns: string[] = [];
  for (const row of source) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return { columns, rows: source.map((row) => columns.map((c) => row[c])) };
}

function formatCell(v: unknown, digits: number): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(digits)));
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** The table as HTML and as aligned plain text, first `maxRows` rows. */
export function tableBundle(source: Row[] | FrameLike, options: TableOptions = {}): { html: string; text: string } {
  const { columns, rows } = toTable(source);
  const maxRows = options.maxRows ?? 10;
  const digits = options.digits ?? 6;
  const shown = rows.slice(0, maxRows).map((r) => r.map((v) => formatCell(v, digits)));
  const more = rows.length - shown.length;
  const moreNote = more > 0 ? `... ${more} more row${more === 1 ? "" : "s"} (${rows.length} in all)` : "";

  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = shown.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join("")}</tr>`).join("\n");
  const html =
    `<table class="dataframe">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>` +
    (moreNote ? `\n<p>${escapeHtml(moreNote)}</p>` : "");

  const widths = columns.map((c, j) => Math.max(c.length, ...shown.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((v, j) => v.padStart(widths[j])).join("  ");
  const text = [line(columns), ...shown.map(line), ...(moreNote ? [moreNote] : [])].join("\n");
  return { html, text };
}

/** Shows rows or a DataFrame as an HTML table in tslab; prints the text table elsewhere. */
export function showTable(source: Row[] | FrameLike, options: TableOptions = {}): void {
  const { html, text } = tableBundle(source, options);
  if (!displayOutput({ "text/html": html, "text/plain": text })) console.log(text);
}
