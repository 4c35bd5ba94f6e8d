import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { initRun } from "./run";
import { listProjects, listRuns, loadRun } from "./reader";
import { metricSeries } from "./series";
import { tempRunsDir } from "./fixtures/temp-runs-dir";

/** A finished run with running_loss against batch_step and valid_loss against epoch. */
function lessonRun(dir: string, name: string, batchSize: number) {
  const run = initRun({ dir, project: "optimizers", name, config: { batch_size: batchSize, lr: 1e-4, optimizer: "SGD" } });
  run.defineMetric("batch_step");
  run.defineMetric("epoch");
  run.defineMetric("running_loss", { stepMetric: "batch_step" });
  run.defineMetric("valid_loss", { stepMetric: "epoch" });
  for (let epoch = 0; epoch < 2; epoch++) {
    for (let b = 1; b <= 2; b++) run.log({ running_loss: 10 - epoch - b / 10, batch_step: (epoch * 2 + b) * batchSize });
    run.log({ epoch, valid_loss: 5 - epoch });
  }
  run.finish();
  return run;
}

test("listRuns reads config, state and final metrics; loadRun reads the history", () => {
  const dir = tempRunsDir();
  const a = lessonRun(dir, "sgd-bs4", 4);
  const b = lessonRun(dir, "sgd-bs32", 32);
  assert.deepEqual(listProjects({ dir }), ["optimizers"]);
  const runs = listRuns("optimizers", { dir, warn: assert.fail });
  assert.deepEqual(runs.map((r) => [r.id, r.name, r.state, r.records]), [[a.id, "sgd-bs4", "finished", 6], [b.id, "sgd-bs32", "finished", 6]]);
  assert.deepEqual({ ...runs[1].config }, { batch_size: 32, lr: 1e-4, optimizer: "SGD" });
  assert.deepEqual({ ...runs[1].final }, { running_loss: 8.8, batch_step: 128, epoch: 1, valid_loss: 4 });
  const loaded = loadRun("optimizers", b.id, { dir, warn: assert.fail });
  assert.equal(loaded.history.length, 6);
  assert.deepEqual(metricSeries(loaded, "running_loss").x, [32, 64, 96, 128], "running_loss is on the batch_step axis");
  assert.deepEqual(metricSeries(loaded, "valid_loss"), { metric: "valid_loss", stepMetric: "epoch", x: [0, 1], y: [5, 4] });
});

test("a truncated last line is skipped with a warning; the other lines and runs still read", () => {
  const dir = tempRunsDir();
  const broken = lessonRun(dir, "broken", 4);
  const healthy = lessonRun(dir, "healthy", 32);
  // What a crash in the middle of a write leaves: a partial last line and no summary.
  fs.appendFileSync(path.join(broken.dir, "metrics.jsonl"), '{"running_loss": 7.5, "batch_st');
  fs.unlinkSync(path.join(broken.dir, "summary.json"));
  const warnings: string[] = [];
  const runs = listRuns("optimizers", { dir, warn: (m) => warnings.push(m) });
  assert.deepEqual(runs.map((r) => [r.name, r.state, r.records]), [["broken", "running", 6], ["healthy", "finished", 6]]);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], new RegExp(`optimizers/${broken.id}/metrics.jsonl:7: skipped a truncated last line`));
  assert.deepEqual(runs[0].warnings, warnings, "the warning is also kept on the run, for the dashboard");
  assert.deepEqual(runs[1].warnings, []);
  assert.equal(loadRun("optimizers", broken.id, { dir, warn: () => {} }).history.length, 6);
  assert.equal(healthy.records, 6);
});

test("a garbled line in the middle is skipped, not fatal", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p" });
  run.log({ loss: 1 });
  fs.appendFileSync(path.join(run.dir, "metrics.jsonl"), 'not json\n{"loss":"NaN"}\n');
  run.log({ loss: 3 });
  run.finish();
  const warnings: string[] = [];
  const loaded = loadRun("p", run.id, { dir, warn: (m) => warnings.push(m) });
  assert.deepEqual(loaded.history.map((r) => r.loss), [1, 3]);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0], /:2: skipped a line that is not a JSON object of numbers: "not json"/);
});

test("a run without summary reads back as unfinished once its writer is gone", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "abandoned" });
  run.log({ loss: 2 });
  assert.equal(listRuns("p", { dir })[0].state, "running");
  // Pretend the writer was a process that has since died: pid 2^22+1 is above Linux's pid_max limit.
  const metaFile = path.join(run.dir, "run.json");
  fs.writeFileSync(metaFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(metaFile, "utf8")), pid: 4194305 }));
  const [info] = listRuns("p", { dir });
  assert.deepEqual([info.state, { ...info.final }, info.finishedAt], ["unfinished", { loss: 2 }, undefined]);
});

test("a summary whose atomic write was interrupted leaves the run unfinished", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p" });
  run.log({ loss: 1 });
  // What a crash between writing the summary and renaming it into place leaves behind.
  fs.writeFileSync(path.join(run.dir, ".summary.json.reserve"), '{"finishedAt": "20');
  assert.equal(listRuns("p", { dir })[0].state, "running");
  run.finish();
  const [info] = listRuns("p", { dir, warn: assert.fail });
  assert.equal(info.state, "finished");
  assert.deepEqual(fs.readdirSync(run.dir).filter((f) => f.startsWith(".")), [], "finish replaced the leftover");
});

test("a run folder with a missing or corrupt run.json is listed under its id with a warning", () => {
  const dir = tempRunsDir();
  const good = lessonRun(dir, "good", 4);
  fs.mkdirSync(path.join(dir, "optimizers", "20000101-000000-abcdef"));
  fs.writeFileSync(path.join(good.dir, "..", "20000101-000000-abcdef", "run.json"), "{oops");
  const warnings: string[] = [];
  const runs = listRuns("optimizers", { dir, warn: (m) => warnings.push(m) });
  const states = runs.map((r) => [r.name, r.state]).sort();
  assert.deepEqual(states, [["20000101-000000-abcdef", "unfinished"], ["good", "finished"]]);
  assert.match(warnings.join("\n"), /run.json: not valid JSON/);
});

test("reading refuses unsafe names and reports a missing run clearly", () => {
  const dir = tempRunsDir();
  assert.throws(() => listRuns("../etc", { dir }), /project must be/);
  assert.throws(() => loadRun("p", "..", { dir }), /run id must be/);
  assert.throws(() => loadRun("p", "nope", { dir }), /no run "nope" in project "p"/);
  assert.deepEqual(listRuns("empty", { dir }), []);
  assert.deepEqual(listProjects({ dir: path.join(dir, "absent") }), []);
});
