/**
 * A learner's edit must not break a chapter. Each chapter that trains defines its learning rate
 * once, in a cell of its own (`const learningRate = ...;`), and uses that name everywhere: in the
 * runs, the check against the library and the figure titles. This test makes the edit a learner
 * makes (the rate tripled), executes the edited copy in a fresh kernel and requires no error output.
 * Claims may turn to ✗ under the new rate (they then say so); nothing may throw.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describeFailure, executeNotebook } from "../scripts/notebook-exec";
import { Notebook, joinText, listNotebooks, readNotebook } from "../scripts/notebook-file";
import { notebooksDir } from "../scripts/lesson";
import { tempNotebookDir, writeNotebook } from "./notebooks-fixtures";

const rateLine = /^const learningRate = (.+);\s*$/m;

/** Chapters that train but do not define their rate once yet (being rewritten). */
const pending = new Set<string>([]);

/** The index of the one cell defining `learningRate`, or an error naming what is wrong. */
function rateCell(nb: Notebook): number | string {
  const cells = nb.cells.flatMap((c, i) => (c.cell_type === "code" && rateLine.test(joinText(c.source)) ? [i] : []));
  if (cells.length !== 1) return `expected one cell with \`const learningRate = ...;\`, found ${cells.length}`;
  return cells[0]!;
}

/** A copy of `nb` with its learning rate multiplied by `factor`, outputs cleared. */
function withRateScaled(nb: Notebook, factor: number): Notebook {
  const index = rateCell(nb);
  if (typeof index === "string") throw new Error(index);
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  const cell = copy.cells[index]!;
  cell.source = joinText(cell.source).replace(rateLine, (_, value: string) => `const learningRate = ${factor} * (${value});`);
  for (const c of copy.cells) if (c.cell_type === "code") Object.assign(c, { outputs: [], execution_count: null });
  return copy;
}

const trains = (nb: Notebook) => nb.cells.some((c) => c.cell_type === "code" && /\b(train|runConfig|trainCached|trainingRun)\(/.test(joinText(c.source)));

for (const file of listNotebooks(notebooksDir)) {
  const name = path.basename(file);
  const nb = readNotebook(file);
  if (!trains(nb) || pending.has(name)) continue;
  test(`${name}: defines its learning rate once and still runs with the rate tripled`, async () => {
    const index = rateCell(nb);
    assert.equal(typeof index, "number", `${name}: ${index}`);
    const dir = tempNotebookDir();
    try {
      const edited = path.join(dir, name);
      writeNotebook(edited, withRateScaled(nb, 3));
      const result = await executeNotebook(edited, edited);
      assert.ok(result.ok, result.ok ? "" : describeFailure(`${name} with the learning rate tripled`, result));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("the edit rewrites only the defining line", () => {
  const nb: Notebook = {
    cells: [{ cell_type: "code", source: "const learningRate = 1e-4;\nconst epochs = 100;", outputs: [{ output_type: "stream", text: "x" }], execution_count: 3 }],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  };
  const edited = withRateScaled(nb, 3);
  assert.equal(edited.cells[0]!.source, "const learningRate = 3 * (1e-4);\nconst epochs = 100;");
  assert.deepEqual([edited.cells[0]!.outputs, edited.cells[0]!.execution_count], [[], null]);
  nb.cells.push({ cell_type: "code", source: "const learningRate = 2;", outputs: [] });
  assert.equal(rateCell(nb), "expected one cell with `const learningRate = ...;`, found 2");
});
