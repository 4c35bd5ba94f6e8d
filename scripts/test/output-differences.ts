/**
 * Where a freshly executed notebook's outputs differ from the stored ones: the check that the
 * lesson's numbers do not depend on the Node (or kernel) that computed them.
 *
 * Each cell's type, source and outputs are compared exactly, every digit of every figure and
 * printed number. Cell metadata is not compared: it is where clock fields go (nbclient's
 * `metadata.execution` timings). The stored chapters print no run ids, timestamps or durations,
 * so nothing in an output is ignored; one that printed a time would show up here, on purpose.
 */
import { Cell, Notebook, cellLabel } from "../notebook-file";

/** The first place two JSON values differ, as a path like `data[0].y[37]`, with both values; null when equal. */
export function firstDifference(a: unknown, b: unknown, at = ""): string | null {
  if (Object.is(a, b)) return null;
  const show = (v: unknown): string => {
    const s = Object.is(v, -0) ? "-0" : (JSON.stringify(v) ?? String(v));
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  };
  const here = at || "(whole value)";
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${here}: ${show(a)} stored, ${show(b)} now`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return a.length === b.length ? null : `${here}: ${a.length} items stored, ${b.length} now`;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
  for (const k of keys) {
    const key = /^[A-Za-z_$][\w$]*$/.test(k) ? `${at ? "." : ""}${k}` : `[${JSON.stringify(k)}]`;
    if (!(k in ao)) return `${at}${key}: missing in the stored notebook`;
    if (!(k in bo)) return `${at}${key}: missing now`;
    const d = firstDifference(ao[k], bo[k], `${at}${key}`);
    if (d) return d;
  }
  return null;
}

/** A cell as compared: its source and outputs, without clock fields. */
function comparable(cell: Cell): unknown {
  return { cell_type: cell.cell_type, source: cell.source, outputs: cell.outputs ?? [] };
}

/** Reported per notebook: enough to see a pattern, short enough to read. */
const maxReported = 10;

/** One line per cell that differs (at most `maxReported`), naming the cell and the first differing value. */
export function outputDifferences(stored: Notebook, fresh: Notebook): string[] {
  if (stored.cells.length !== fresh.cells.length) {
    return [`${stored.cells.length} cells stored, ${fresh.cells.length} now`];
  }
  const found: string[] = [];
  stored.cells.forEach((cell, i) => {
    const d = firstDifference(comparable(cell), comparable(fresh.cells[i]));
    if (d && found.length < maxReported) found.push(`${cellLabel(stored, i)}: ${d}`);
  });
  return found;
}
