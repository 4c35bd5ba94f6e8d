/**
 * A learner's edit must not break a chapter. Every setting a chapter defines (`const name = 1e-4;`,
 * `const momentum = 0.9, batchSize = 32;`) is retyped as another literal, the way a person types it
 * (tests/setting-edits.ts), all of a chapter's settings in one copy. The copy runs in a fresh plain
 * tslab kernel (LESSON_CACHE=off, as JupyterLab starts one) and must write no error output: claims
 * that no longer hold say ✗ with their numbers; nothing fails to compile or throws.
 * LESSON_EDIT_CHAPTERS=04,09 limits the run to some chapters.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describeFailure, executeNotebooks } from "../scripts/notebook-exec";
import { Notebook, listNotebooks, readNotebook } from "../scripts/notebook-file";
import { notebooksDir } from "../scripts/lesson";
import { tempNotebookDir, writeNotebook } from "./notebooks-fixtures";
import { retyped, settingEdits, withSettingsRetyped } from "./setting-edits";

const only = (process.env.LESSON_EDIT_CHAPTERS ?? "").split(",").filter((s) => s !== "");
const chapters = listNotebooks(notebooksDir).filter((f) => only.length === 0 || only.some((c) => path.basename(f).startsWith(c)));

const errorOutputs = (nb: Notebook) =>
  nb.cells.flatMap((c, i) => (c.outputs ?? []).filter((o) => o.output_type === "error").map(() => i));

test("every chapter with settings runs with each of them retyped as a literal", async () => {
  const withSettings = chapters.filter((f) => settingEdits(readNotebook(f)).length > 0);
  assert.ok(withSettings.length > 0, "no chapter defines a setting");
  const dir = tempNotebookDir();
  const previous = process.env.LESSON_CACHE;
  process.env.LESSON_CACHE = "off";
  try {
    const jobs = withSettings.map((f) => {
      const edited = path.join(dir, path.basename(f));
      writeNotebook(edited, withSettingsRetyped(readNotebook(f)));
      return { source: edited, output: edited };
    });
    const results = await executeNotebooks(jobs);
    const failures = results.flatMap((r, i) => {
      const name = path.basename(withSettings[i]);
      const edits = settingEdits(readNotebook(withSettings[i])).map((e) => `${e.name} ${e.from} -> ${e.to}`).join(", ");
      if (!r.ok) return [describeFailure(`${name} with ${edits}`, r)];
      const errors = r.notebook ? errorOutputs(r.notebook) : [];
      return errors.length > 0 ? [`${name} with ${edits}: error output in cells ${errors.join(", ")}`] : [];
    });
    assert.deepEqual(failures, []);
  } finally {
    if (previous === undefined) delete process.env.LESSON_CACHE;
    else process.env.LESSON_CACHE = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the edits retype each setting as a literal and touch nothing else", () => {
  assert.deepEqual(["1e-4", "3e-4", "32", "100", "0.9", "0.999", "0.1", "0.5"].map(retyped),
    ["3e-4", "1e-4", "64", "200", "0.95", "0.9995", "0.05", "0.75"]);
  const nb: Notebook = {
    cells: [{ cell_type: "code", source: "const learningRate = 1e-4;\nconst momentum = 0.9, epochs = 100; // why\nconst settings = `lr ${learningRate}`;\nconst n = f(2);", outputs: [{ output_type: "stream", text: "x" }], execution_count: 3 }],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  };
  const edited = withSettingsRetyped(nb);
  assert.equal(edited.cells[0]!.source, "const learningRate = 3e-4;\nconst momentum = 0.95, epochs = 200; // why\nconst settings = `lr ${learningRate}`;\nconst n = f(2);");
  assert.deepEqual([edited.cells[0]!.outputs, edited.cells[0]!.execution_count], [[], null]);
  assert.deepEqual(settingEdits(nb).map((e) => e.name), ["learningRate", "momentum", "epochs"]);
});
