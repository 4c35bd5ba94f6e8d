import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { test } from "node:test";
import { initRun } from "./run";
import { listRuns, loadRun } from "./reader";
import { tempRunsDir } from "./fixtures/temp-runs-dir";

const child = path.join(__dirname, "fixtures", "logging-child.js");

/** Start a logging child; resolves lines of its stdout through `onLine`. */
function startChild(args: string[], onLine: (line: string) => void): ChildProcess {
  const proc = spawn(process.execPath, [child, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  let pending = "";
  proc.stdout!.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop()!;
    lines.forEach(onLine);
  });
  return proc;
}

function exited(proc: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => proc.on("exit", (code, signal) => resolve({ code, signal })));
}

test("two processes logging at once each get their own run, records unmixed", async () => {
  const dir = tempRunsDir();
  const writers = ["writer-a", "writer-b"].map((name) => startChild([dir, "p", name, "3000"], () => {}));
  const results = await Promise.all(writers.map(exited));
  assert.deepEqual(results, [{ code: 0, signal: null }, { code: 0, signal: null }]);
  const runs = listRuns("p", { dir, warn: assert.fail });
  assert.deepEqual(runs.map((r) => [r.name, r.state, r.records]).sort(), [["writer-a", "finished", 3000], ["writer-b", "finished", 3000]]);
  for (const info of runs) {
    const { history } = loadRun("p", info.id, { dir, warn: assert.fail });
    assert.deepEqual(history.map((r) => r.value), Array.from({ length: 3000 }, (_, i) => i), `${info.name} holds exactly its own records`);
  }
});

test("two runs in one process keep separate files", () => {
  const dir = tempRunsDir();
  const a = initRun({ dir, project: "p", name: "a" });
  const b = initRun({ dir, project: "p", name: "b" });
  for (let i = 0; i < 100; i++) {
    a.log({ loss: i });
    b.log({ loss: -i - 1 });
  }
  b.finish();
  const read = (id: string) => loadRun("p", id, { dir, warn: assert.fail });
  assert.deepEqual(read(a.id).history.map((r) => r.loss), Array.from({ length: 100 }, (_, i) => i));
  assert.deepEqual(read(b.id).history.map((r) => r.loss), Array.from({ length: 100 }, (_, i) => -i - 1));
  assert.deepEqual([read(a.id).state, read(b.id).state], ["running", "finished"]);
  a.finish();
});

/** Run a child until it reports `target` records logged, then SIGKILL it; returns its run id. */
async function killAfter(dir: string, args: string[], target: number): Promise<{ runId: string; reported: number }> {
  let runId = "";
  let reported = 0;
  let proc: ChildProcess | undefined;
  await new Promise<void>((resolve) => {
    proc = startChild([dir, "p", ...args], (line) => {
      if (line.startsWith("id ")) runId = line.slice(3);
      if (line.startsWith("logged ")) reported = Number(line.slice(7));
      if (reported >= target) resolve();
    });
  });
  proc!.kill("SIGKILL");
  assert.equal((await exited(proc!)).signal, "SIGKILL");
  return { runId, reported };
}

test("SIGKILL while logging: every record whose log() returned is kept", async () => {
  const dir = tempRunsDir();
  const { runId, reported } = await killAfter(dir, ["doomed", "-1"], 2000);
  // Linux may cut a write in flight at a page boundary when SIGKILL lands, so the record being
  // written may be half there: the reader must skip it with a warning, and nothing else.
  const warnings: string[] = [];
  const run = loadRun("p", runId, { dir, warn: (w) => warnings.push(w) });
  assert.ok(warnings.every((w) => /skipped a truncated last line/.test(w)) && warnings.length <= 1, warnings.join("\n"));
  assert.equal(run.state, "unfinished");
  assert.ok(run.records >= reported, `${run.records} records on disk, the child had reported ${reported} logged`);
  assert.deepEqual(run.history.map((r) => r.value), Array.from({ length: run.records }, (_, i) => i), "no gaps, no duplicates");
  assert.equal(run.final.value, run.records - 1);
});

test("SIGKILL during a long synchronous stretch loses no accepted record", async () => {
  const dir = tempRunsDir();
  // 100 records, then the child computes without ever returning to the event loop, and is killed.
  const { runId, reported } = await killAfter(dir, ["busy", "100", "busy"], 100);
  assert.equal(reported, 100);
  const run = loadRun("p", runId, { dir, warn: assert.fail });
  assert.deepEqual([run.state, run.records], ["unfinished", 100]);
});

test("an uncaught exception marks the process's open runs failed, with the exception as reason", async () => {
  const dir = tempRunsDir();
  const proc = startChild([dir, "p", "thrower", "10", "throw"], () => {});
  assert.equal((await exited(proc)).code, 1);
  const [run] = listRuns("p", { dir, warn: assert.fail });
  assert.deepEqual([run.state, run.reason, run.records], ["failed", "exception: the script broke", 10]);
});

test("a process that survives its uncaught exceptions keeps its runs going", async () => {
  const dir = tempRunsDir();
  const proc = startChild([dir, "p", "survivor", "10", "throw-handled"], () => {});
  assert.equal((await exited(proc)).code, 0);
  const [run] = listRuns("p", { dir, warn: assert.fail });
  assert.deepEqual([run.state, run.records], ["unfinished", 11]);
});

test("a process that exits without finish() leaves its records, and the run reads as unfinished", async () => {
  const dir = tempRunsDir();
  const proc = startChild([dir, "p", "forgetful", "50", "exit"], () => {});
  assert.deepEqual(await exited(proc), { code: 0, signal: null });
  const [run] = listRuns("p", { dir, warn: assert.fail });
  assert.deepEqual([run.name, run.state, run.records], ["forgetful", "unfinished", 50]);
});
