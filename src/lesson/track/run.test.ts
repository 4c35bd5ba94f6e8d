import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { initRun } from "./run";
import { newRunId } from "./layout";
import { loadRun } from "./reader";
import { tempRunsDir } from "./fixtures/temp-runs-dir";

test("a run stores config, definitions, one JSON line per log, and a summary at finish", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "optimizers", name: "sgd-bs4", config: { batch_size: 4, lr: 1e-4, optimizer: "SGD" } });
  run.defineMetric("batch_step");
  run.defineMetric("running_loss", { stepMetric: "batch_step" });
  run.log({ running_loss: 10, batch_step: 4 });
  run.log({ running_loss: 8, batch_step: 8 });
  assert.ok(!fs.existsSync(path.join(run.dir, "summary.json")), "no summary before finish");
  run.finish();

  assert.equal(run.dir, path.join(dir, "optimizers", run.id));
  const meta = JSON.parse(fs.readFileSync(path.join(run.dir, "run.json"), "utf8"));
  assert.deepEqual(meta.config, { batch_size: 4, lr: 1e-4, optimizer: "SGD" });
  assert.deepEqual(meta.metrics, { batch_step: {}, running_loss: { stepMetric: "batch_step" } });
  const lines = fs.readFileSync(path.join(run.dir, "metrics.jsonl"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => [l._step, l.running_loss, l.batch_step]), [[0, 10, 4], [1, 8, 8]]);
  const summary = JSON.parse(fs.readFileSync(path.join(run.dir, "summary.json"), "utf8"));
  assert.deepEqual([summary.records, summary.final], [2, { running_loss: 8, batch_step: 8 }]);
  assert.deepEqual(fs.readdirSync(run.dir).sort(), ["metrics.jsonl", "run.json", "summary.json"], "no temporary or reserve files left behind");
  assert.equal(summary.state, "finished");
});

test("every record is on disk before log() returns", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p" });
  run.log({ loss: 1 });
  run.log({ loss: 2 });
  const read = loadRun("p", run.id, { dir, warn: assert.fail });
  assert.deepEqual(read.history.map((r) => r.loss), [1, 2]);
  assert.equal(read.state, "running", "this process is alive and has not finished the run");
  assert.equal(run.name, run.id, "the name defaults to the id");
  run.finish();
});

test("fail() ends the run as failed with its reason; log() then says why it refuses", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "doomed" });
  run.log({ loss: 1 });
  run.fail("diverged: the loss became Infinity at epoch 0, step 3");
  run.fail("a second reason is ignored");
  run.finish();
  assert.throws(() => run.log({ loss: 2 }), /the run failed \(diverged: the loss became Infinity/);
  const summary = JSON.parse(fs.readFileSync(path.join(run.dir, "summary.json"), "utf8"));
  assert.deepEqual([summary.state, summary.reason, summary.records], ["failed", "diverged: the loss became Infinity at epoch 0, step 3", 1]);
  const read = loadRun("p", run.id, { dir, warn: assert.fail });
  assert.deepEqual([read.state, read.reason, read.records], ["failed", summary.reason, 1]);
});

test("log rejects non-numbers and NaN, naming the run and metric, and writes nothing", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "bad" });
  const cases: Array<[unknown, RegExp]> = [
    [{ loss: NaN }, /run "bad" \(p\/.*\) log: metric "loss" must be a finite number, got NaN/],
    [{ loss: Infinity }, /metric "loss" must be a finite number, got Infinity/],
    [{ loss: "1.5" }, /metric "loss" must be a finite number, got the string "1.5"/],
    [{ loss: 1, lr: null }, /metric "lr" must be a finite number, got null/],
    [{ _step: 3 }, /metric name must be .* not starting with "_"/],
    [{}, /empty record/],
    [[1, 2], /takes an object of metric values, got an array/],
  ];
  for (const [record, message] of cases) {
    assert.throws(() => run.log(record as Record<string, number>), message);
  }
  assert.equal(run.records, 0);
  assert.equal(fs.readFileSync(path.join(run.dir, "metrics.jsonl"), "utf8"), "");
  run.finish();
});

test("after finish, log throws and finish is a no-op", () => {
  const run = initRun({ dir: tempRunsDir(), project: "p" });
  run.finish();
  run.finish();
  assert.throws(() => run.log({ loss: 1 }), /the run is finished/);
});

test("initRun refuses project names that are not a plain folder name", () => {
  const dir = tempRunsDir();
  for (const project of ["..", "../escape", "/abs", "a/b", "", ".hidden"]) {
    assert.throws(() => initRun({ dir, project }), /project must be 1-128 characters/, project);
  }
  assert.throws(() => initRun({ dir, project: "p", config: [] as unknown as Record<string, unknown> }), /config must be a plain object/);
  assert.deepEqual(fs.readdirSync(dir), [], "nothing was created");
});

test("defineMetric validates names and declares the step metric too", () => {
  const run = initRun({ dir: tempRunsDir(), project: "p" });
  assert.throws(() => run.defineMetric("epoch", { stepMetric: "epoch" }), /cannot be its own step metric/);
  assert.throws(() => run.defineMetric(""), /metric name must be a non-empty string/);
  run.defineMetric("valid_loss", { stepMetric: "epoch" });
  const meta = JSON.parse(fs.readFileSync(path.join(run.dir, "run.json"), "utf8"));
  assert.deepEqual(meta.metrics, { epoch: {}, valid_loss: { stepMetric: "epoch" } });
  run.finish();
});

test("run ids sort by start time and are unique even when created in the same millisecond", () => {
  assert.match(newRunId(new Date("2024-01-31T23:59:58.123Z")), /^20240131-235958-[0-9a-f]{6}$/);
  const dir = tempRunsDir();
  const runs = Array.from({ length: 40 }, () => initRun({ dir, project: "p" }));
  assert.equal(new Set(runs.map((r) => r.id)).size, 40);
  assert.equal(fs.readdirSync(path.join(dir, "p")).length, 40);
  for (const run of runs) run.finish();
});

test("RUNS_DIR sets the default runs root", () => {
  const dir = tempRunsDir();
  const saved = process.env.RUNS_DIR;
  process.env.RUNS_DIR = dir;
  try {
    const run = initRun({ project: "from-env" });
    assert.equal(path.dirname(path.dirname(run.dir)), dir);
    run.finish();
  } finally {
    if (saved === undefined) delete process.env.RUNS_DIR;
    else process.env.RUNS_DIR = saved;
  }
});
