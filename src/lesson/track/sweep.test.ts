import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { runConfig } from "../train/config";
import { listRuns } from "./reader";
import { runSweep } from "./sweep";
import { gridConfigs, randomConfigs, sweepRunName, varyingKeys } from "./sweep";
import { tempRunsDir } from "./fixtures/temp-runs-dir";

test("gridConfigs makes every combination; randomConfigs draws the same runs for the same seed", () => {
  assert.deepEqual(gridConfigs({ epochs: 2 }, { lr: [1e-3, 1e-2], batchSize: [4, 32] }), [
    { epochs: 2, lr: 1e-3, batchSize: 4 }, { epochs: 2, lr: 1e-3, batchSize: 32 },
    { epochs: 2, lr: 1e-2, batchSize: 4 }, { epochs: 2, lr: 1e-2, batchSize: 32 },
  ]);
  const drawn = randomConfigs({}, { lr: { min: 1e-5, max: 1e-1 }, batchSize: [4, 32], epochs: { min: 1, max: 3, integer: true } }, 50, 7);
  assert.deepEqual(drawn, randomConfigs({}, { lr: { min: 1e-5, max: 1e-1 }, batchSize: [4, 32], epochs: { min: 1, max: 3, integer: true } }, 50, 7));
  assert.ok(drawn.every((c) => c.lr! >= 1e-5 && c.lr! <= 1e-1 && [4, 32].includes(c.batchSize!) && [1, 2, 3].includes(c.epochs!)));
  assert.ok(drawn.some((c) => c.lr! < 1e-4) && drawn.some((c) => c.lr! > 1e-2), "log-uniform: every decade gets runs");
  assert.deepEqual(varyingKeys(drawn.slice(0, 10)).sort(), ["batchSize", "epochs", "lr"]);
  assert.equal(sweepRunName({ lr: 0.00123456, schedule: "linear", batchSize: 4 }, ["lr", "schedule", "batchSize"]), "lr=0.001235 schedule=linear batch_size=4");
  assert.throws(() => gridConfigs({}, { lr: [] }), /"lr" needs a non-empty list/);
});

test("runSweep trains every config in worker processes, tracked under one sweep id, with runConfig's numbers", async () => {
  const dir = tempRunsDir("sweep-");
  const configs = gridConfigs({ optimizer: "sgd", epochs: 3, batchSize: 32 }, { lr: [1e-4, 1e-3, 1000] });
  const progress: string[] = [];
  const sweep = await runSweep({ project: "lr", configs, dir, workers: 2, onRun: (_run, done, total) => progress.push(`${done}/${total}`) });
  assert.deepEqual(sweep.params, ["lr"]);
  assert.deepEqual(progress, ["1/3", "2/3", "3/3"]);
  assert.deepEqual(sweep.runs.map((r) => [r.name, r.state]), [["lr=0.0001", "finished"], ["lr=0.001", "finished"], ["lr=1000", "failed"]]);
  assert.match(sweep.runs[2]!.reason!, /^diverged: the loss became (Infinity|NaN) at epoch \d+, step \d+$/);
  for (const i of [0, 1]) {
    const local = runConfig(configs[i]!).epochs.map((e) => [e.train_loss, e.valid_loss]);
    assert.deepEqual(sweep.runs[i]!.epochs.map((e) => [e.train_loss, e.valid_loss]), local, "bit for bit the in-process numbers");
  }
  const tracked = listRuns("lr", { dir, warn: assert.fail });
  assert.equal(tracked.length, 3);
  assert.ok(tracked.every((r) => r.sweep === sweep.id));
  assert.deepEqual(tracked.map((r) => r.state).sort(), ["failed", "finished", "finished"]);
  assert.equal(tracked.find((r) => r.id === sweep.runs[2]!.runId)!.reason, sweep.runs[2]!.reason);
});

test("runSweep refuses an empty sweep and a bad project name", async () => {
  await assert.rejects(runSweep({ project: "p", configs: [] }), /configs must be a non-empty list/);
  assert.throws(() => runSweep({ project: "../x", configs: [{}] }), /project must be 1-128 characters/);
});

test("each worker calls the setup function before its first run (how callers switch on a fast path)", async () => {
  const dir = tempRunsDir("sweep-");
  const setupFile = path.join(dir, "setup.js");
  fs.writeFileSync(setupFile, `exports.prepare = () => { throw new Error("setup ran in worker " + process.pid); };`);
  const sweep = await runSweep({ project: "setup", configs: [{ epochs: 1 }], dir, workers: 1, setup: { module: setupFile, call: "prepare" } });
  assert.equal(sweep.runs[0]!.state, "failed");
  assert.match(sweep.runs[0]!.reason!, /setup ran in worker \d+/);
});

test("a worker killed with SIGKILL: its run is reported with its id and marked failed on disk, with the reason", async () => {
  const dir = tempRunsDir("sweep-");
  const setup = { module: path.join(__dirname, "fixtures", "killed-worker.js"), call: "killAtThirdRecord" };
  const sweep = await runSweep({ project: "killed", configs: [{ optimizer: "sgd", epochs: 2, batchSize: 32 }], dir, workers: 1, setup });
  const [run] = sweep.runs;
  assert.equal(run!.state, "failed");
  assert.match(run!.reason!, /worker process ended \(SIGKILL\)/);
  assert.notEqual(run!.runId, "");
  const [tracked] = listRuns("killed", { dir, warn: assert.fail });
  assert.deepEqual([tracked!.id, tracked!.state, tracked!.reason, tracked!.records], [run!.runId, "failed", run!.reason, 3]);
  assert.deepEqual(fs.readdirSync(tracked!.dir).filter((f) => f.startsWith(".")), [], "no reserve or temporary file is left");
});
