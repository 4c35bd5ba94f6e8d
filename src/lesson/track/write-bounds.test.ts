import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { initRun } from "./run";
import { jsonCap } from "./confined";
import { listRuns, loadRun } from "./reader";
import { tempRunsDir } from "./fixtures/temp-runs-dir";

test("initRun refuses a config the reader could not read back, and leaves no folder", () => {
  const dir = tempRunsDir();
  const config = { notes: "n".repeat(jsonCap) };
  assert.throws(() => initRun({ dir, project: "p", name: "huge", config }), /initRun: run "huge": config is .* over the \d+ KiB a run\.json may hold/);
  assert.deepEqual(fs.existsSync(path.join(dir, "p")) ? fs.readdirSync(path.join(dir, "p")) : [], []);
});

test("a fail() reason over the cap is cut and the run reads back as failed", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "long" });
  run.fail("r".repeat(2 * jsonCap));
  const [info] = listRuns("p", { dir, warn: assert.fail });
  assert.equal(info!.state, "failed");
  assert.match(info!.reason!, /\.\.\. \(\d[\d,]* more characters cut\)$/);
});

test("defineMetric refuses definitions that would push run.json over the cap", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "many" });
  const long = "m".repeat(60_000);
  assert.throws(() => {
    for (let i = 0; i < 40; i++) run.defineMetric(`${long}${i}`);
  }, /run "many" .* defineMetric: .* over the \d+ KiB a run\.json may hold/);
  run.finish();
  assert.equal(listRuns("p", { dir, warn: assert.fail })[0]!.name, "many");
});

test("metric names that plain objects inherit read back as numbers", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "names" });
  const names = ["constructor", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "propertyIsEnumerable"];
  for (let step = 0; step < 3; step++) {
    const record: Record<string, number> = Object.create(null);
    for (const [i, name] of names.entries()) record[name] = step * 10 + i;
    run.log(record);
  }
  run.defineMetric("constructor", { stepMetric: "toString" });
  const running = loadRun("p", run.id, { dir, warn: assert.fail });
  run.finish();
  const read = loadRun("p", run.id, { dir, warn: assert.fail });
  for (const loaded of [running, read]) {
    for (const [i, name] of names.entries()) {
      assert.ok(Object.prototype.hasOwnProperty.call(loaded.final, name), `final has own ${name}`);
      assert.equal(loaded.final[name], 20 + i, `final ${name}`);
      assert.deepEqual(loaded.history.map((r) => r[name]), [i, 10 + i, 20 + i], `history of ${name}`);
    }
  }
  assert.deepEqual({ ...read.metrics.constructor }, { stepMetric: "toString" });
  assert.ok(Object.prototype.hasOwnProperty.call(read.metrics, "toString"));
});

test("log() reads each value once: a getter that changes its answer cannot put NaN on disk", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "getter" });
  let reads = 0;
  run.log({ get loss() { return reads++ === 0 ? 1 : NaN; } });
  run.finish();
  const read = loadRun("p", run.id, { dir, warn: assert.fail });
  assert.deepEqual(read.history.map((r) => r.loss), [1]);
  assert.equal(read.final.loss, 1);
});
