/**
 * Error messages in the registered tslab kernel, started as JupyterLab starts it
 * (scripts/kernel/learner-errors.ts, preloaded through the kernelspec the set-up writes):
 *   - a compile error names the cell's line and column, shows the line with the span underlined
 *     and keeps TypeScript's code;
 *   - a thrown error shows the library frame that threw (its .ts line) and the learner's cell
 *     lines, in this cell and in the earlier cell that defined the function, and no frame of
 *     tslab or Node; the same after a top-level await;
 *   - LESSON_FULL_TRACE set in a cell brings tslab's whole trace back;
 *   - the kernel goes on: a later cell runs.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { fullTraceHint } from "../scripts/kernel/runtime-errors";
import { runCells, type CellRun } from "./kernel-cells";
import { tempNotebookDir } from "./notebooks-fixtures";

const cells = {
  settings: 'import { Dense, Matrix } from "optim-lesson";\nconst learningRate = 3e-4;',
  comparison: "const lessonSettings = learningRate === 1e-4;",
  helper: 'function layer(width: number): Dense {\n  if (width > 100) throw new Error("too wide: " + width);\n  return new Dense(3, width);\n}',
  libraryThrows: "const widths: number[] = [4, 2];\nconst layers = widths.map((w) => layer(w - 2));",
  afterAwait: "await new Promise((r) => setTimeout(r, 10));\nconst square = new Matrix(2, 2, new Float64Array(3));",
  fullTrace: 'process.env.LESSON_FULL_TRACE = "1";',
  again: "const wide = layer(500);",
  later: 'console.log("later cell ran with", learningRate);',
};
const names = Object.keys(cells) as (keyof typeof cells)[];

let dir = "";
let runs: Record<keyof typeof cells, CellRun>;
before(() => {
  dir = tempNotebookDir();
  const results = runCells(Object.values(cells), dir);
  runs = Object.fromEntries(names.map((n, i) => [n, results[i]])) as typeof runs;
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The 1-based line of `file` (under the repository) that contains `text`. */
function lineOf(file: string, text: string): number {
  const lines = fs.readFileSync(path.join(repoRoot, file), "utf8").split("\n");
  const i = lines.findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${file} has no line with ${text}`);
  return i + 1;
}

const tslabFrames = /tslab[\\/]dist|node:internal|node:vm|evalmachine|tslab-cell-|executor\.js/;

test("a compile error names the cell's line and column, shows the line underlined, keeps TS2367", () => {
  const run = runs.comparison;
  assert.equal(run.ok, false);
  const column = cells.comparison.indexOf("learningRate ===") + 1;
  const span = "learningRate === 1e-4".length;
  assert.equal(
    run.stderr.trimEnd(),
    [
      `error TS2367, line 1, column ${column}: This comparison appears to be unintentional because the types '0.0003' and '0.0001' have no overlap.`,
      `  1 | ${cells.comparison}`,
      `    | ${" ".repeat(column - 1)}${"^".repeat(span)}`,
    ].join("\n"),
  );
});

test("a thrown error shows the library's .ts line and the learner's cell lines, no tslab or Node frames", () => {
  const run = runs.libraryThrows;
  assert.equal(run.ok, false);
  const lines = run.stderr.trimEnd().split("\n");
  const thrown = lineOf("src/lesson/nn/dense.ts", "throw new RangeError(`Dense: ${name}");
  assert.equal(lines[0], "RangeError: Dense: outputSize must be a positive integer, got 0");
  assert.match(lines[1], new RegExp(`^    at new Dense \\(src/lesson/nn/dense\\.ts:${thrown}:\\d+\\)$`));
  assert.equal(lines[2], "    at layer (line 3 of an earlier cell): return new Dense(3, width);");
  assert.equal(lines[3], "    at line 2 of this cell: const layers = widths.map((w) => layer(w - 2));");
  assert.match(lines[4], /^\(\d+ frames of tslab and Node not shown; /);
  assert.ok(lines[4].includes(fullTraceHint));
  assert.equal(lines.length, 5, run.stderr);
  assert.doesNotMatch(run.stderr, tslabFrames);
});

test("after a top-level await, a thrown error still shows the cell's line", () => {
  const run = runs.afterAwait;
  assert.equal(run.ok, false);
  const thrown = lineOf("src/lesson/math/matrix.ts", "values cannot fill shape");
  assert.match(run.stderr, new RegExp(`^ShapeError: Matrix: 3 values cannot fill shape \\(2, 2\\)\n    at new Matrix \\(src/lesson/math/matrix\\.ts:${thrown}:\\d+\\)\n`));
  assert.ok(run.stderr.includes("    at line 2 of this cell: const square = new Matrix(2, 2, new Float64Array(3));"), run.stderr);
  assert.doesNotMatch(run.stderr, tslabFrames);
});

test("LESSON_FULL_TRACE set in a cell shows tslab's whole trace", () => {
  assert.equal(runs.fullTrace.ok, true, runs.fullTrace.stderr);
  const run = runs.again;
  assert.equal(run.ok, false);
  assert.match(run.stderr, /Error: too wide: 500/);
  assert.match(run.stderr, /tslab[\\/]dist[\\/]executor\.js/);
});

test("the kernel goes on after each error: a later cell runs", () => {
  assert.equal(runs.settings.ok, true, runs.settings.stderr);
  assert.equal(runs.later.ok, true, runs.later.stderr);
  assert.equal(runs.later.stdout, "later cell ran with 0.0003\n");
});
