/**
 * train and sweep when their output streams fail: a closed stderr never crashes a run, and a
 * stdout that cannot be written (a full disk) is one line on stderr naming what failed.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { listRuns } from "../src/lesson/track/reader";
import { repoRoot } from "../src/lesson/paths";

const cli = (name: string) => path.join(repoRoot, "dist", "src", "tools", "cli", `${name}.js`);

/** Run the CLI with stderr's reader gone before the CLI writes: every stderr write meets EPIPE. */
function withClosedStderr(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    child.stderr.destroy();
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

for (const tool of ["train", "sweep"]) {
  test(`${tool} with a closed stderr finishes its work and exits 0`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "closed-stderr-"));
    const flags = tool === "train" ? ["--epochs", "2", "--track", "p"] : ["--lr", "1e-3,1e-2", "--epochs", "2", "--workers", "1", "--track", "p"];
    const { code, stdout } = await withClosedStderr([cli(tool), ...flags, "--json"], { RUNS_DIR: dir });
    assert.equal(code, 0, stdout);
    assert.doesNotThrow(() => JSON.parse(stdout));
    const runs = listRuns("p", { dir, warn: assert.fail });
    assert.ok(runs.length >= 1 && runs.every((r) => r.state === "finished"));
  });
}

test("sweep --json > /dev/full exits 1 saying stdout could not be written, and that its runs are recorded", { skip: !fs.existsSync("/dev/full") }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "full-stdout-"));
  const out = fs.openSync("/dev/full", "w");
  const result = spawnSync(process.execPath, [cli("sweep"), "--lr", "1e-3,1e-2", "--epochs", "1", "--workers", "1", "--track", "p", "--json"], { stdio: ["ignore", out, "pipe"], encoding: "utf8", env: { ...process.env, RUNS_DIR: dir } });
  fs.closeSync(out);
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stderr, /sweep: cannot write to stdout: ENOSPC.*; the sweep's 2 runs are recorded in project p/);
  assert.equal(listRuns("p", { dir, warn: assert.fail }).length, 2);
});
