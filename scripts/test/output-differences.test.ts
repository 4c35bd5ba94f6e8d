import { test } from "node:test";
import assert from "node:assert/strict";
import { Notebook, plotlyMime } from "../notebook-file";
import { firstDifference, outputDifferences } from "./output-differences";

function notebook(ys: number[], printed: string, extraCellMetadata: Record<string, unknown> = {}): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab" } },
    cells: [
      { cell_type: "markdown", source: "# Title" },
      { cell_type: "code", source: "console.log(loss)", metadata: { ...extraCellMetadata }, execution_count: 1, outputs: [{ output_type: "stream", name: "stdout", text: [printed] }] },
      {
        cell_type: "code",
        source: "show(figure)",
        execution_count: 2,
        outputs: [{ output_type: "display_data", data: { [plotlyMime]: { data: [{ y: ys }] }, "image/png": "iVBOR" } }],
      },
    ],
  };
}

test("identical notebooks have no differences", () => {
  assert.deepEqual(outputDifferences(notebook([1, 2, 3], "6.24\n"), notebook([1, 2, 3], "6.24\n")), []);
});

test("a last-bit change in a figure's data is named by cell and path", () => {
  const diffs = outputDifferences(notebook([1, 0.1 + 0.2, 3], "6.24\n"), notebook([1, 0.3, 3], "6.24\n"));
  assert.equal(diffs.length, 1);
  assert.match(diffs[0], /^cell 2 \(`show\(figure\)`\): /);
  assert.match(diffs[0], /\["application\/vnd\.plotly\.v1\+json"\]\.data\[0\]\.y\[1\]: 0\.30000000000000004 stored, 0\.3 now/);
});

test("printed text that differs is a difference", () => {
  const diffs = outputDifferences(notebook([1], "6.24\n"), notebook([1], "6.25\n"));
  assert.equal(diffs.length, 1);
  assert.match(diffs[0], /^cell 1 .*outputs\[0\]\.text\[0\]: "6\.24\\n" stored, "6\.25\\n" now/);
});

test("clock fields in cell metadata are ignored", () => {
  const timed = notebook([1], "x", { execution: { "iopub.execute_input": "2026-12-07T20:00:00Z" } });
  assert.deepEqual(outputDifferences(notebook([1], "x"), timed), []);
});

test("a missing output or a different cell count is reported", () => {
  const fewer = notebook([1], "x");
  fewer.cells[2].outputs = [];
  assert.match(outputDifferences(notebook([1], "x"), fewer)[0], /outputs: 1 items stored, 0 now/);
  const shorter = notebook([1], "x");
  shorter.cells.pop();
  assert.deepEqual(outputDifferences(notebook([1], "x"), shorter), ["3 cells stored, 2 now"]);
});

test("firstDifference tells -0 from 0 and a missing key from an undefined one", () => {
  assert.match(firstDifference({ a: 0 }, { a: -0 }) ?? "", /^a: 0 stored, -0 now/);
  assert.match(firstDifference({ a: 1 }, { b: 1 }) ?? "", /^a: missing now/);
  assert.equal(firstDifference({ a: [1, { b: "c" }] }, { a: [1, { b: "c" }] }), null);
});
