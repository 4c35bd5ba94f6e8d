/**
 * A thrown error's stack, cut down to what the learner can act on: the message, the library
 * frames down from the one that threw (source-mapped to the .ts file when a map is there), and
 * each cell frame as its line number and the code on that line. Frames of tslab, of Node's
 * internals and everything below the learner's outermost cell frame are left out; a last line
 * says how many and how to see them.
 */

/** One `    at ...` line of a V8 stack. */
export interface Frame {
  /** The function's name as V8 gives it ("f", "Array.map", "new Dense"), or "" at top level. */
  name: string;
  isAsync: boolean;
  file: string;
  /** One-based, or 0 when the frame has no position (`<anonymous>`, `native`). */
  line: number;
  column: number;
}

const frameLine = /^\s*at (async )?(?:(.*?) \((.*)\)|(.*))$/;
const position = /^(.*):(\d+):(\d+)$/;

export function parseFrame(text: string): Frame | null {
  const m = frameLine.exec(text);
  if (!m) return null;
  const where = m[3] ?? m[4];
  const p = position.exec(where);
  return { name: m[2] ?? "", isAsync: m[1] !== undefined, file: p ? p[1] : where, line: p ? Number(p[2]) : 0, column: p ? Number(p[3]) : 0 };
}

/** Where a frame is in a cell. */
export interface CellLine {
  /** Which cell: frames of one cell on one line are shown once. */
  cell: string;
  /** One-based line of the cell, or null when it cannot be told. */
  line: number | null;
  code: string | null;
  /** The cell being run (else one run before, which defined the function). */
  current: boolean;
}

/** What the trace needs to know about the kernel it runs in. */
export interface TraceContext {
  /** Where a frame is in a cell; "tslab" for tslab's wrapper around a cell; null outside cells. */
  cellLine(frame: Frame): CellLine | "tslab" | null;
  /** tslab's own files and Node's internals. */
  isInternal(file: string): boolean;
  /** The frame's position in the file it was compiled from (a .ts beside dist/), or null. */
  original(frame: Frame): { file: string; line: number; column: number } | null;
  /** How a file's path is shown (relative to the repository, say). */
  shown(file: string): string;
}

/** `node_modules/<package>` of a path, or null outside node_modules. */
function packageOf(file: string): string | null {
  const m = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
  return m ? m[1].replace(/\\/g, "/") : null;
}

/**
 * Node's note in front of an error thrown out of `vm` code ("file:line", the line, a caret and a
 * blank line): it points at compiled code, and the frames say the same in the learner's terms.
 */
const vmSourceNote = /^[^\n]*:\d+\n[^\n]*\n *\^+ *\n\n/;

/** The lines before the first frame: the error's name and message. */
function headOf(stack: string): { head: string; frames: string[] } {
  const lines = stack.replace(vmSourceNote, "").split("\n");
  const first = lines.findIndex((l) => /^\s+at /.test(l) && parseFrame(l) !== null);
  return first < 0 ? { head: lines.join("\n"), frames: [] } : { head: lines.slice(0, first).join("\n"), frames: lines.slice(first) };
}

/** How to see everything: set in a cell (read each time an error is shown) or in the kernel's environment. */
export const fullTraceHint = 'process.env.LESSON_FULL_TRACE = "1"';

/** A frame's function name as the learner wrote it (a cell's functions are called on tslab's proxy). */
const nameOf = (f: Frame): string => f.name.replace(/^Proxy\./, "");

export function learnerTrace(stack: string, ctx: TraceContext): string {
  const { head, frames: frameTexts } = headOf(stack);
  const frames = frameTexts.map((t) => parseFrame(t)!);
  const where = frames.map((f) => ctx.cellLine(f));
  const lastCell = where.reduce((last, c, i) => (c !== null && c !== "tslab" ? i : last), -1);
  // Below the learner's outermost cell frame there is only tslab and Node.
  const kept = lastCell >= 0 ? frames.slice(0, lastCell + 1) : frames;
  const out = [head];
  let told = 0; // frames shown, merged into a shown line or counted in a summary line
  let previous: CellLine | null = null;
  let run: { pkg: string; count: number } | null = null;
  const endRun = () => {
    if (run) out.push(`    ... ${run.count} more frame${run.count === 1 ? "" : "s"} in ${run.pkg}`);
    run = null;
  };
  kept.forEach((f, i) => {
    const at = `    at ${f.isAsync ? "async " : ""}`;
    const cell = where[i];
    if (cell === "tslab") return;
    if (cell !== null) {
      told++;
      if (previous && previous.cell === cell.cell && previous.line === cell.line) return;
      endRun();
      previous = cell;
      const which = `${cell.line === null ? "a line" : `line ${cell.line}`} of ${cell.current ? "this cell" : "an earlier cell"}`;
      out.push(`${at}${nameOf(f) ? `${nameOf(f)} (${which})` : which}${cell.code ? `: ${cell.code.trim()}` : ""}`);
      return;
    }
    if (ctx.isInternal(f.file) || f.line === 0) return;
    previous = null;
    told++;
    const pkg = packageOf(f.file);
    // The frame that threw is always shown; below it, a package's frames fold into one line.
    if (pkg !== null && out.length > 1) {
      if (run?.pkg === pkg) run.count++;
      else {
        endRun();
        run = { pkg, count: 1 };
      }
      return;
    }
    endRun();
    const o = ctx.original(f) ?? f;
    const place = `${ctx.shown(o.file)}:${o.line}:${o.column}`;
    out.push(`${at}${f.name ? `${f.name} (${place})` : place}`);
  });
  endRun();
  const hidden = frames.length - told;
  if (hidden > 0) out.push(`(${hidden} frame${hidden === 1 ? "" : "s"} of tslab and Node not shown; ${fullTraceHint} shows them)`);
  return out.join("\n");
}
