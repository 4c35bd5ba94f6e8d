/**
 * The lesson's notebooks (notebooks/*.ipynb), whatever chapters exist:
 *   - each one runs from a fresh kernel without an error (executed into a temporary copy; all of
 *     them in one batch, as `npm run lesson` does: one Python, kernels in parallel);
 *   - each one as stored holds its outputs: executed cells, no errors, a PNG beside every plotly
 *     figure, under 1 MB, kernel tslab.
 * The stored-notebook checks are also tested here on hand-made notebooks, so this file checks
 * something even before the first chapter is written.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ExecResult, describeFailure, executeEach } from "../scripts/notebook-exec";
import { Cell, Notebook, listNotebooks, maxNotebookBytes, readNotebook, storedNotebookProblems } from "../scripts/notebook-file";
import { notebooksDir } from "../scripts/lesson";
import { makeNotebook } from "./notebooks-fixtures";

const notebooks = listNotebooks(notebooksDir);
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "nbtest-"));
after(() => fs.rmSync(outDir, { recursive: true, force: true }));

// Started by the first test that asks for a result: listing the tests must not run kernels.
let running: Array<Promise<ExecResult>> | null = null;
const executedResult = (index: number): Promise<ExecResult> =>
  (running ??= executeEach(notebooks.map((file) => ({ source: file, output: path.join(outDir, path.basename(file)) }))))[index];

notebooks.forEach((file, index) => {
  const name = path.basename(file);

  test(`${name} runs from a fresh kernel without errors`, async () => {
    const result = await executedResult(index);
    assert.ok(result.ok, result.ok ? "" : describeFailure(name, result));
  });

  test(`${name} as stored has its outputs, no errors, PNGs, tslab, < 1 MB`, () => {
    const problems = storedNotebookProblems(readNotebook(file), fs.statSync(file).size);
    assert.deepEqual(problems, [], `${name} (run \`npm run lesson -- ${name}\` to refresh it):\n  ${problems.join("\n  ")}`);
  });
});

/** A notebook with one executed code cell holding `outputs`. */
function executed(outputs: Cell["outputs"]): Notebook {
  const nb = makeNotebook(["print()"]);
  nb.cells[1].execution_count = 1;
  nb.cells[1].outputs = outputs;
  return nb;
}

test("the stored-notebook check accepts a clean notebook", () => {
  const nb = executed([{ output_type: "display_data", data: { "application/vnd.plotly.v1+json": {}, "image/png": "iVBO", "text/plain": "fig" } }]);
  assert.deepEqual(storedNotebookProblems(nb, 1000), []);
});

test("the stored-notebook check names each problem and its cell", () => {
  const nb = executed([
    { output_type: "error", ename: "TypeError", evalue: "x is undefined", traceback: [] },
    { output_type: "display_data", data: { "application/vnd.plotly.v1+json": {}, "text/plain": "fig" } },
  ]);
  nb.cells.push({ cell_type: "code", source: "later()", outputs: [], execution_count: null });
  nb.metadata.kernelspec = { name: "python3" };
  assert.deepEqual(storedNotebookProblems(nb, maxNotebookBytes), [
    'kernelspec is "python3", expected "tslab"',
    "file is 1.00 MB, limit 1 MB: use smaller or fewer figures",
    "cell 1 (`print()`) has an error output: TypeError: x is undefined",
    "cell 1 (`print()`) has a plotly figure without a PNG (is Chromium installed?)",
    "cell 2 (`later()`) was not executed",
  ]);
});

test("an executed code cell without output is reported", () => {
  assert.deepEqual(storedNotebookProblems(executed([]), 10), ["cell 1 (`print()`) has no output"]);
});

test("empty code cells need not be executed", () => {
  const nb = executed([{ output_type: "stream", name: "stdout", text: "ok" }]);
  nb.cells.push({ cell_type: "code", source: "  \n", outputs: [], execution_count: null });
  assert.deepEqual(storedNotebookProblems(nb, 10), []);
});

test(`notebooks found in ${path.basename(notebooksDir)}/: ${notebooks.length}`, () => {
  // Lists what the tests above covered; zero is fine while chapters are being written.
  assert.ok(notebooks.every((f) => f.endsWith(".ipynb")));
});
