/**
 * TypeScript's complaints about a cell, written for the person who typed it: the line and column
 * in the cell, TypeScript's code (TS2367, searchable), the message with its explanation indented
 * below it, and the cell's line with the offending span underlined.
 *
 *   error TS2367, line 11, column 24: This comparison appears to be unintentional ...
 *     11 | const same = learningRate === 1e-4;
 *        |              ^^^^^^^^^^^^^^^^^^^^^
 */

/** A position as tslab reports it: zero-based line and character within the cell. */
export interface CellPosition {
  offset: number;
  line: number;
  character: number;
}

/**
 * One entry of tslab's `diagnostics` (tslab/dist/converter.js). An explanation chained to a
 * message arrives as the entries after it, sharing its `start` object and without `fileName`.
 */
export interface TslabDiagnostic {
  start: CellPosition;
  end: CellPosition;
  messageText: string;
  category: number;
  code: number;
  /** Set when the complaint is about another file (a local module), relative to the kernel's folder. */
  fileName?: string;
}

/** One message and the explanations chained to it. */
interface Complaint {
  head: TslabDiagnostic;
  details: TslabDiagnostic[];
}

/** Groups each message with the explanations tslab lists after it. */
function complaints(diagnostics: readonly TslabDiagnostic[]): Complaint[] {
  const out: Complaint[] = [];
  for (const d of diagnostics) {
    const last = out[out.length - 1];
    if (last && d.start === last.head.start && d.fileName === undefined) last.details.push(d);
    else out.push({ head: d, details: [] });
  }
  return out;
}

const categories = ["warning", "error", "suggestion", "message"];

/** `text`'s lines, without their line ends. */
const linesOf = (text: string): string[] => text.split(/\r?\n/);

/**
 * The line `line` (zero-based) of `lines` with the columns from `from` to `to` underlined;
 * empty when the line does not exist. Tabs stay tabs under the line so the carets line up.
 */
export function underlined(lines: readonly string[], line: number, from: number, to: number): string[] {
  const text = lines[line];
  if (text === undefined) return [];
  const number = String(line + 1);
  const gutter = " ".repeat(number.length);
  const start = Math.min(from, text.length);
  const width = Math.max(1, Math.min(to, text.length) - start);
  const pad = text.slice(0, start).replace(/[^\t]/g, " ");
  return [`  ${number} | ${text}`, `  ${gutter} | ${pad}${"^".repeat(width)}`];
}

/**
 * The complaints about a cell whose source is `source`, one block each. `readFile` gives the text
 * of another file a complaint names (null when it cannot be read).
 */
export function formatDiagnostics(source: string, diagnostics: readonly TslabDiagnostic[], readFile: (name: string) => string | null = () => null): string {
  const cellLines = linesOf(source);
  const blocks = complaints(diagnostics).map(({ head, details }) => {
    const lines = head.fileName === undefined ? cellLines : linesOf(readFile(head.fileName) ?? "");
    // tslab compiles the cell with a few lines after it: a complaint there is about the end.
    const pastEnd = head.fileName === undefined && head.start.line >= cellLines.length;
    const line = pastEnd ? cellLines.length - 1 : head.start.line;
    const column = pastEnd ? (cellLines[line] ?? "").length : head.start.character;
    const end = head.end.line === line ? head.end.character : (lines[line] ?? "").length;
    const kind = categories[head.category] ?? "error";
    const where = `${head.fileName === undefined ? "" : `${head.fileName}, `}line ${line + 1}, column ${column + 1}`;
    return [
      `${kind} TS${head.code}, ${where}: ${head.messageText}`,
      ...details.map((d) => `  ${d.messageText}`),
      ...underlined(lines, line, column, pastEnd ? column + 1 : end),
    ].join("\n");
  });
  return blocks.join("\n\n");
}
