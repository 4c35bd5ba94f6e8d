import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { initRun } from "./run";
import { listProjects, listRuns, listRunsShared, listRunsSharedAsync, loadRun, loadRunSharedAsync, loadRuns } from "./reader";
import { tempRunsDir } from "./fixtures/temp-runs-dir";

/** Damaged and planted runs: reading must stay confined, bounded and alive. */

function goodRun(dir: string, project = "p"): string {
  const run = initRun({ dir, project, name: "good" });
  run.log({ loss: 1 });
  run.finish();
  return run.id;
}

test("an unfinished run of 150,000 unparseable lines reads, with a count and the first few warnings", () => {
  const dir = tempRunsDir();
  goodRun(dir);
  const damaged = initRun({ dir, project: "p", name: "damaged" });
  damaged.log({ loss: 2 });
  fs.appendFileSync(path.join(damaged.dir, "metrics.jsonl"), "garbage\n".repeat(150_000));
  const warnings: string[] = [];
  const runs = listRuns("p", { dir, warn: (w) => warnings.push(w) });
  assert.deepEqual(runs.map((r) => [r.name, r.records]).sort(), [["damaged", 1], ["good", 1]]);
  assert.equal(warnings.length, 6, "five warnings and one count");
  assert.match(warnings[5], /^\.\.\. and 149995 more problems like these$/);
  assert.equal(loadRun("p", damaged.id, { dir, warn: () => {} }).history.length, 1);
  assert.equal(loadRuns("p", { dir, warn: () => {} }).length, 2);
  damaged.finish();
});

test("symlinked projects and runs are not followed, and say so when asked for by name", () => {
  const dir = tempRunsDir();
  const outside = tempRunsDir();
  const id = goodRun(outside, "secret");
  goodRun(dir);
  fs.symlinkSync(path.join(outside, "secret"), path.join(dir, "linked-project"));
  fs.symlinkSync(path.join(outside, "secret", id), path.join(dir, "p", id));
  assert.deepEqual(listProjects({ dir }), ["p"]);
  assert.deepEqual(listRuns("linked-project", { dir }), []);
  assert.equal(listRuns("p", { dir, warn: assert.fail }).length, 1, "the symlinked run is not listed");
  assert.throws(() => loadRun("p", id, { dir }), /no run ".*" in project "p" .*symlinked folders are not followed/);
  assert.throws(() => loadRun("linked-project", id, { dir }), /no run/);
});

test("a metrics file that is a symlink, a FIFO or a device is refused without reading it", () => {
  const dir = tempRunsDir();
  const cases: Array<[string, (file: string) => void, RegExp]> = [
    ["passwd", (file) => fs.symlinkSync("/etc/passwd", file), /metrics\.jsonl: is a symbolic link, not followed/],
    ["zero", (file) => fs.symlinkSync("/dev/zero", file), /metrics\.jsonl: is a symbolic link, not followed/],
    ["fifo", (file) => execFileSync("mkfifo", [file]), /metrics\.jsonl: not a regular file, ignored/],
  ];
  for (const [name, plant, message] of cases) {
    const run = initRun({ dir, project: "p", name });
    const file = path.join(run.dir, "metrics.jsonl");
    run.finish();
    fs.rmSync(file);
    plant(file);
    const warnings: string[] = [];
    const read = loadRun("p", run.id, { dir, warn: (w) => warnings.push(w) }); // a FIFO opened for reading would block here
    assert.deepEqual(read.history, [], name);
    assert.match(warnings.join("\n"), message, name);
    assert.doesNotMatch(warnings.join("\n"), /root:|\/etc\/passwd|\/tmp\//, `${name}: no content or absolute path leaks`);
  }
});

test("run.json and summary.json that are symlinks are refused too", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "meta" });
  run.finish();
  fs.rmSync(path.join(run.dir, "run.json"));
  fs.symlinkSync("/etc/hostname", path.join(run.dir, "run.json"));
  const warnings: string[] = [];
  const [info] = listRuns("p", { dir, warn: (w) => warnings.push(w) });
  assert.equal(info.name, run.id, "shown under its id");
  assert.match(warnings.join("\n"), /p\/.*\/run\.json: is a symbolic link, not followed/);
});

test("the summary's record count is checked against the file when the history is read", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "boastful" });
  run.log({ loss: 1 });
  run.finish();
  const file = path.join(run.dir, "summary.json");
  fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, "utf8")), records: 20000 }));
  const warnings: string[] = [];
  const loaded = loadRun("p", run.id, { dir, warn: (w) => warnings.push(w) });
  assert.equal(loaded.records, 1);
  assert.match(warnings.join("\n"), /summary\.json: claims 20000 records, metrics\.jsonl holds 1/);
});

test("listing rereads a run only when one of its files changed", () => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "growing" });
  run.log({ loss: 1 });
  assert.deepEqual({ ...listRuns("p", { dir })[0].final }, { loss: 1 });
  run.log({ loss: 2 });
  assert.deepEqual({ ...listRuns("p", { dir })[0].final }, { loss: 2 }, "an appended record is seen");
  run.finish();
  const [finished] = listRuns("p", { dir });
  assert.equal(finished.state, "finished");
  finished.final.loss = 99; // callers get copies: mutating one does not poison the cache
  finished.warnings.push("mine");
  assert.deepEqual([{ ...listRuns("p", { dir })[0].final }, listRuns("p", { dir })[0].warnings], [{ loss: 2 }, []]);
});

test("a run folder swapped for a symlink to an outside run, over and over, never lists or loads the outside run", async () => {
  const dir = tempRunsDir();
  const outside = tempRunsDir();
  const secret = initRun({ dir: outside, project: "p", name: "secret" });
  secret.log({ loss: 9 });
  secret.finish();
  const id = goodRun(dir);
  const runDir = path.join(dir, "p", id);
  const parked = path.join(dir, "parked");
  // A second process renames the run away, plants a symlink in its place, and puts it back, every half millisecond.
  const swapper = spawn(process.execPath, ["-e", `
    const fs = require("fs");
    const [runDir, parked, target] = process.argv.slice(1);
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (;;) {
      fs.renameSync(runDir, parked);
      fs.symlinkSync(target, runDir);
      Atomics.wait(pause, 0, 0, 0.5);
      fs.unlinkSync(runDir);
      fs.renameSync(parked, runDir);
      Atomics.wait(pause, 0, 0, 0.5);
    }`, runDir, parked, secret.dir], { stdio: "ignore" });
  try {
    const seen = new Set<string>();
    const quiet = { dir, warn: () => {} };
    for (let i = 0; i < 400; i++) {
      for (const run of listRunsShared("p", quiet)) seen.add(run.name);
      for (const run of await listRunsSharedAsync("p", quiet)) seen.add(run.name);
      for (const load of [() => loadRun("p", id, quiet), () => loadRunSharedAsync("p", id, quiet)]) {
        try {
          seen.add((await load()).name);
        } catch {
          // absent at that moment: fine
        }
      }
    }
    assert.ok(seen.has("good"), "the real run is read at least once");
    assert.ok(!seen.has("secret"), "the outside run is never read");
  } finally {
    swapper.kill("SIGKILL");
    await new Promise((resolve) => swapper.once("exit", resolve));
  }
});
