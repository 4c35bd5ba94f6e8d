/**
 * Every claim of a chapter true of the outputs stored under it:
 *   (a) no stored claim line (printed by `claim`) says ✗;
 *   (b) every number written in a markdown cell is backed by an output of the notebook (to the
 *       precision the prose writes it with) or by a setting in its code, or is on the chapter's
 *       short allow-list below, each entry with its reason.
 * Re-executing a chapter so that an output no longer supports a sentence fails this test.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { listNotebooks, readNotebook } from "../scripts/notebook-file";
import { failedClaims, heldClaims, proseNumbers, unbackedNumbers } from "../scripts/prose-numbers";
import { notebooksDir } from "../scripts/lesson";
import { makeNotebook } from "./notebooks-fixtures";

/**
 * The chapters held to this test, with the numbers each may state without an output. A chapter
 * joins the list once its prose has been checked; the list is meant to end up holding all of them.
 */
const chapters: Record<string, Record<number, string>> = {
  "01-data.ipynb": {},
  "02-dense-layer.ipynb": {},
  "03-forward-backward.ipynb": {},
  "04-sgd.ipynb": { 2015: "year of the cited paper (Smith, 2015)" },
  "05-monitoring.ipynb": { 8050: "the dashboard's default port (a setting of npm run dashboard, shown in a command line)" },
  "06-batch-size.ipynb": {},
  "07-momentum.ipynb": { 1e12: "checkOptimizer's tolerance (one part in 10^12), a setting of the library" },
  "08-learning-rate-schedules.ipynb": { 1e12: "the schedule check's tolerance (one part in 10^12)" },
  "09-adam-adamw.ipynb": {
    1e12: "checkOptimizer's tolerance (one part in 10^12), a setting of the library",
    2015: "year of the Adam paper (Kingma and Ba)",
    2019: "year of the AdamW paper (Loshchilov and Hutter)",
  },
};

for (const file of listNotebooks(notebooksDir)) {
  const name = path.basename(file);
  const allowed = chapters[name];
  if (!allowed) continue;
  test(`${name}: no claim line says ✗`, () => {
    const nb = readNotebook(file);
    assert.deepEqual(failedClaims(nb), [], `${name}: a stored claim no longer holds (re-run \`npm run lesson -- ${name}\` after fixing the prose)`);
    assert.ok(heldClaims(nb).length > 0, `${name}: no claim line at all; check the prose's comparisons with claim(...)`);
  });
  test(`${name}: every number in the prose is backed by an output or a setting`, () => {
    const unbacked = unbackedNumbers(readNotebook(file), new Map(Object.entries(allowed).map(([k, v]) => [Number(k), v])));
    assert.deepEqual(unbacked.map((n) => `cell ${n.cell}: ${n.text} in "...${n.context}..."`), []);
  });
}

/** A notebook with one markdown cell and one executed code cell printing `output`. */
function notebook(markdown: string, code: string, output: string) {
  const nb = makeNotebook([code]);
  nb.cells[0]!.source = markdown;
  nb.cells[1]!.execution_count = 1;
  nb.cells[1]!.outputs = [{ output_type: "stream", name: "stdout", text: output }];
  return nb;
}

test("a prose number is backed by an output rounded as the prose writes it, or by a code setting", () => {
  const nb = notebook("Final loss 9.491 at lr $10^{-4}$ after 100 epochs; about 0.2 on the ravine.", "const learningRate = 1e-4;\nconst epochs = 100;", "final 9.49112, ravine 0.196");
  assert.deepEqual(unbackedNumbers(nb), []);
});

test("a prose number no output supports is reported with its cell and sentence", () => {
  const nb = notebook("The final loss is 9.5 and eight units are active.", "const epochs = 100;", "final 9.49112, active 23");
  assert.deepEqual(unbackedNumbers(nb).map((n) => [n.cell, n.text]), [[0, "eight"]]);
  const changed = notebook("The final loss is 9.48.", "", "final 9.49112");
  assert.deepEqual(unbackedNumbers(changed).map((n) => n.text), ["9.48"]);
  assert.deepEqual(unbackedNumbers(changed, new Map([[9.48, "a constant of the data"]])), []);
});

test("chapter references, list numbers, headings and exercise prompts are not claims; solutions are", () => {
  const nb = notebook("# 4. SGD\n\nAs chapters 6 and 7 show:\n\n1. first\n\n## Try it\n\n3. Set h to 1e-10.\n\n<details><summary>Solution</summary>It ends at 42.</details>", "", "");
  assert.deepEqual(proseNumbers(nb).map((n) => n.text), ["42"]);
});

test("claim lines: ✗ lines are failures, ✓ lines are counted", () => {
  const nb = notebook("", "", "\u2713 a holds (x 1)\n\u2717 b holds (y 2)\nplain line");
  assert.deepEqual(failedClaims(nb), ["\u2717 b holds (y 2)"]);
  assert.equal(heldClaims(nb).length, 1);
});
