import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { loadRun, loadRunSharedAsync } from "./reader";

/** The dashboard's non-blocking read must read a run exactly as loadRun does, problems included. */

type Plant = (metricsFile: string) => void;

/** A run folder "p/r" made by hand, so that two folders hold the very same run. */
function runsDirWith(plant: Plant): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runs-async-"));
  const run = path.join(dir, "p", "r");
  fs.mkdirSync(run, { recursive: true });
  fs.writeFileSync(path.join(run, "run.json"), JSON.stringify({ id: "r", project: "p", name: "r", createdAt: "2026-01-01T00:00:00.000Z", config: {}, pid: -1, host: "", metrics: {} }));
  plant(path.join(run, "metrics.jsonl"));
  return dir;
}

const cases: Record<string, Plant> = {
  "good and garbled lines, a truncated end": (file) => fs.writeFileSync(file, `{"loss":1}\ngarbage\n${'{"loss":2}\n'.repeat(50_000)}{"loss":`),
  "many bad lines (capped warnings)": (file) => fs.writeFileSync(file, `{"loss":1}\n${"x\n".repeat(30_000)}`),
  "a symlink to a system file": (file) => fs.symlinkSync("/etc/passwd", file),
  "a FIFO": (file) => execFileSync("mkfifo", [file]),
  "no metrics file": () => {},
};

for (const [name, plant] of Object.entries(cases)) {
  test(`loadRunSharedAsync reads like loadRun: ${name}`, async () => {
    const sync = loadRun("p", "r", { dir: runsDirWith(plant), warn: () => {} });
    const asyncWarnings: string[] = [];
    const read = await loadRunSharedAsync("p", "r", { dir: runsDirWith(plant), warn: (w) => asyncWarnings.push(w) });
    assert.deepEqual({ ...read, dir: "" }, { ...sync, dir: "" });
    assert.deepEqual(asyncWarnings, sync.warnings);
  });
}

test("loadRunSharedAsync refuses unsafe names and a missing run", async () => {
  const dir = runsDirWith(() => {});
  await assert.rejects(loadRunSharedAsync("..", "r", { dir }), /project/);
  await assert.rejects(loadRunSharedAsync("p", "nope", { dir }), /no run "nope" in project "p"/);
});
