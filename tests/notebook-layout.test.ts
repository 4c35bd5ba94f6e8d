/**
 * What a learner sees of a chapter in JupyterLab: code lines short enough to show whole in a
 * 1400-pixel window (100 columns), and exercise cells that read as exercises. An exercise still
 * to do says it waits for the learner's code; it shows no ✗ and no bare `false`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Notebook, Output, joinText, listNotebooks, readNotebook } from "../scripts/notebook-file";
import { notebooksDir } from "../scripts/lesson";
import { exerciseOpen } from "../src/lesson/exercises/exercise-line";

export const maxCodeColumns = 100;

/** "cell N line M (K columns)" for each code line of `nb` wider than `maxCodeColumns`. */
export function longCodeLines(nb: Notebook): string[] {
  return nb.cells.flatMap((c, i) =>
    c.cell_type !== "code" ? [] : joinText(c.source).split("\n").flatMap((line, k) =>
      [...line].length > maxCodeColumns ? [`cell ${i} line ${k + 1} (${[...line].length} columns)`] : []));
}

/** Stored lines of `nb` that make an unfinished exercise look like a failure. */
export function exerciseProblems(nb: Notebook): string[] {
  return nb.cells.flatMap((c, i) => {
    const shown = (o: Output) => joinText(o.output_type === "stream" ? o.text : (o.data?.["text/plain"] as string | string[] | undefined));
    const lines = (c.outputs ?? []).map(shown).join("").split("\n");
    if (!lines.some((l) => l.startsWith("exercise"))) return [];
    return lines.flatMap((l) => (l.startsWith("exercise \u2717") || l.trim() === "false" ? [`cell ${i}: ${l.slice(0, 80)}`] : []));
  });
}

for (const file of listNotebooks(notebooksDir)) {
  const nb = readNotebook(file);
  const name = file.slice(notebooksDir.length + 1);

  test(`${name}: no code line is wider than ${maxCodeColumns} columns`, () => {
    assert.deepEqual(longCodeLines(nb), []);
  });
  test(`${name}: exercise cells show no ✗ and no bare false`, () => {
    assert.deepEqual(exerciseProblems(nb), []);
  });
}

test("the checks find a long line, a ✗ exercise line and a bare false", () => {
  const cell = (source: string, text: string) => ({ cell_type: "code", source, outputs: [{ output_type: "stream", text }] });
  const nb: Notebook = {
    cells: [cell(`const a = 1;\n${"x".repeat(101)}`, ""), cell("check().ok", "exercise \u2717 yours differs\nfalse\n"),
      cell("void check()", `${exerciseOpen} yours differs\n`), cell("x", "false\n")],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  };
  assert.deepEqual(longCodeLines(nb), ["cell 0 line 2 (101 columns)"]);
  assert.deepEqual(exerciseProblems(nb), ["cell 1: exercise \u2717 yours differs", "cell 1: false"]);
});
