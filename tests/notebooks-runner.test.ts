/**
 * The lesson runner on notebooks made here, both run in one batch as `npm run lesson` does: a
 * good one gets its outputs stored (three MIME types for a figure, one progress line, an HTML
 * table) and its kernel's times reported; a failing one is reported by cell, with the cell's
 * stderr, and left byte-for-byte untouched.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { makeNotebook, tempNotebookDir, writeNotebook, displayDemoCells } from "./notebooks-fixtures";
import { InPlaceResult, describeFailure, longestFirst, runAllInPlace } from "../scripts/notebook-exec";
import { plotlyMime, readNotebook, storedNotebookProblems } from "../scripts/notebook-file";
import { selectNotebooks } from "../scripts/lesson";

const dir = tempNotebookDir();
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const goodFile = path.join(dir, "01_display.ipynb");
writeNotebook(goodFile, makeNotebook(displayDemoCells));
const brokenFile = path.join(dir, "02_broken.ipynb");
writeNotebook(brokenFile, makeNotebook(["const ok = 1;", 'const n: number = "not a number";', "console.log(ok);"]));
const brokenBefore = fs.readFileSync(brokenFile);

let batch: Promise<InPlaceResult[]> | null = null; // started by the first test that needs it
const results = () => (batch ??= runAllInPlace([goodFile, brokenFile], { jobs: 2 }));

test("a notebook that runs is stored in place with its outputs", async () => {
  const file = goodFile;
  const [result] = await results();
  assert.ok(result.ok, result.ok ? "" : describeFailure("01_display.ipynb", result));

  const nb = readNotebook(file);
  assert.deepEqual(storedNotebookProblems(nb, fs.statSync(file).size), []);
  const [, , figureCell, progressCell, tableCell] = nb.cells;

  assert.equal(figureCell.outputs!.length, 1, "one output per figure");
  const figure = figureCell.outputs![0].data!;
  assert.deepEqual(Object.keys(figure).sort(), ["application/vnd.plotly.v1+json", "image/png", "text/plain"]);
  assert.equal((figure[plotlyMime] as { data: unknown[] }).data.length, 2, "plotly JSON stored as an object");
  const png = Buffer.from(figure["image/png"] as string, "base64");
  assert.equal(png.subarray(1, 4).toString(), "PNG");
  assert.ok(png.readUInt32BE(16) >= 800 && png.readUInt32BE(20) >= 400, "PNG about 860 x 480");

  // 300 progress reports leave one output holding the final state.
  assert.equal(progressCell.outputs!.length, 1);
  assert.match(String(progressCell.outputs![0].data!["text/plain"]), /^epoch 100\/100 \[#{20}\] loss 0.003333$/);

  assert.deepEqual(Object.keys(tableCell.outputs![0].data!).sort(), ["text/html", "text/plain"]);
});

test("the kernel's times are reported: ready, then first output, then last cell", async () => {
  const [{ times }] = await results();
  assert.ok(times.ready !== null && times.firstOutput !== null && times.lastCell !== null, JSON.stringify(times));
  assert.ok(0 < times.ready && times.ready <= times.firstOutput && times.firstOutput <= times.lastCell, JSON.stringify(times));
});

test("a failing notebook is reported by cell with its stderr, and left unchanged", async () => {
  const file = brokenFile;
  const [, result] = await results();
  assert.equal(result.ok, false);
  assert.equal(result.times.lastCell, null, "a failed notebook has no last cell");
  assert.equal(result.cell, 2); // cell 0 is markdown
  const report = describeFailure("02_broken.ipynb", result);
  assert.match(report, /cell 2 \(`const n: number = "not a number";`\)/);
  assert.match(report, /\[stderr\] .*Type 'string' is not assignable to type 'number'/);
  assert.deepEqual(fs.readFileSync(file), brokenBefore);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith(".")), [], "no temporary file left behind");
  if (result.failedCopy) fs.rmSync(path.dirname(result.failedCopy), { recursive: true, force: true });
});

test("notebooks are chosen by number or by part of the name", () => {
  const all = ["/n/01_data.ipynb", "/n/02_sgd.ipynb", "/n/10_adamw.ipynb"];
  assert.deepEqual(selectNotebooks(all, []), all);
  assert.deepEqual(selectNotebooks(all, ["2"]), ["/n/02_sgd.ipynb"]);
  assert.deepEqual(selectNotebooks(all, ["adam", "01"]), ["/n/01_data.ipynb", "/n/10_adamw.ipynb"]);
  assert.throws(() => selectNotebooks(all, ["7"]), /no notebook matches "7" \(notebooks: 01_data.ipynb, 02_sgd.ipynb, 10_adamw.ipynb\)/);
});

test("kernels start with the notebooks holding most code cells, ties by name", () => {
  const cells: Record<string, number> = { "/n/01.ipynb": 3, "/n/02.ipynb": 9, "/n/03.ipynb": 3, "/n/04.ipynb": 5 };
  assert.deepEqual(longestFirst(Object.keys(cells), (f) => cells[f]), [1, 3, 0, 2]);
});
