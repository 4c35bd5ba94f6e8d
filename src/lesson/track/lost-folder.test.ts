import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { initRun } from "./run";
import { loadRun } from "./reader";
import { tempRunsDir } from "./fixtures/temp-runs-dir";

test("a run whose folder is deleted mid-run: the next log() throws naming the run, finish() too", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "gone" });
  run.log({ loss: 1 });
  fs.rmSync(run.dir, { recursive: true });
  assert.throws(() => run.log({ loss: 2 }), /run "gone" \(p\/.*\) log: the run's folder .* was removed/);
  assert.throws(() => run.finish(), /run "gone" \(p\/.*\) .*no summary written/);
});

test("a run whose folder is deleted and re-created empty under its name still notices", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "replaced" });
  fs.rmSync(run.dir, { recursive: true });
  fs.mkdirSync(run.dir);
  assert.throws(() => run.log({ loss: 2 }), /run "replaced" .* log: the run's folder .* was removed/);
  assert.deepEqual(fs.readdirSync(run.dir), [], "nothing written into the stranger folder");
});

test("a run whose folder is renamed mid-run keeps writing into it and finishes there", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "moved" });
  run.log({ loss: 1 });
  const moved = path.join(dir, "p", "moved-away");
  fs.renameSync(run.dir, moved);
  run.log({ loss: 2 });
  run.defineMetric("loss");
  run.finish();
  const read = loadRun("p", "moved-away", { dir, warn: assert.fail });
  assert.deepEqual([read.state, read.records, read.history.map((r) => r.loss)], ["finished", 2, [1, 2]]);
  assert.deepEqual(JSON.parse(JSON.stringify(read.metrics)), { loss: {} });
});
