import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { listRuns } from "../src/lesson/track/reader";
import { repoRoot } from "../src/lesson/paths";

const sweepJs = path.join(repoRoot, "dist", "src", "tools", "cli", "sweep.js");

function sweepCli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [sweepJs, ...args], { encoding: "utf8", cwd: repoRoot, env: { ...process.env, ...env }, timeout: 120_000 });
}

test("npm run sweep: a grid over two flags, --json table, every run tracked under one sweep id, failed runs marked", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sweep-cli-"));
  const result = sweepCli(["--lr", "1e-3,1e6", "--schedule", "constant,linear", "--epochs", "3", "--batch-size", "32", "--workers", "2", "--track", "grid", "--json"], { RUNS_DIR: dir });
  assert.equal(result.status, 0, result.stderr);
  const out = JSON.parse(result.stdout);
  assert.deepEqual(out.params, ["lr", "schedule"]);
  assert.deepEqual(out.runs.map((r: { name: string; state: string }) => [r.name, r.state]), [
    ["lr=0.001 schedule=constant", "finished"], ["lr=0.001 schedule=linear", "finished"],
    ["lr=1000000 schedule=constant", "failed"], ["lr=1000000 schedule=linear", "failed"],
  ]);
  assert.ok(out.runs.slice(0, 2).every((r: { valid_loss: number }) => Number.isFinite(r.valid_loss)));
  assert.ok(out.runs.slice(2).every((r: { reason: string; valid_loss: null }) => /^diverged: /.test(r.reason) && r.valid_loss === null));
  const tracked = listRuns("grid", { dir, warn: assert.fail });
  assert.equal(tracked.length, 4);
  assert.ok(tracked.every((r) => r.sweep === out.sweep && r.config.epochs === 3));
  assert.match(result.stderr, /\[4\/4\]/);
  fs.rmSync(dir, { recursive: true });
});

test("a random search draws the same runs for the same seed", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sweep-cli-"));
  const args = ["--method", "random", "--trials", "3", "--seed", "5", "--lr", "1e-4:1e-2", "--batch-size", "16,32", "--epochs", "1", "--json"];
  const [a, b] = [sweepCli(args, { RUNS_DIR: dir }), sweepCli(args, { RUNS_DIR: dir })].map((r) => JSON.parse(r.stdout));
  const configs = (out: { runs: Array<{ config: unknown }> }) => out.runs.map((r) => r.config);
  assert.deepEqual(configs(a), configs(b));
  assert.ok(a.runs.every((r: { config: { lr: number } }) => r.config.lr >= 1e-4 && r.config.lr <= 1e-2));
  assert.notEqual(a.sweep, b.sweep, "each sweep gets its own id");
  fs.rmSync(dir, { recursive: true });
});

const usageCases: Array<[string[], RegExp]> = [
  [[], /give at least one training flag to sweep/],
  [["--lr", "1e-3:1e-2"], /--lr: a range \(1e-3:1e-2\) needs --method random/],
  [["--lr", "1e-3,0x10"], /--lr must be a number \(like 32, 0\.001 or 1e-3\), got "0x10"/],
  [["--lr", "1e-3,,1e-2"], /--lr: empty value/],
  [["--batch-size", "4,4"], /--batch-size: a value is repeated/],
  [["--optimizer", "sgd,rmsprop"], /--optimizer must be one of sgd, momentum, adam, adamw, got "rmsprop"/],
  [["--lr", "1e-3", "--trials", "4"], /--trials and --seed need --method random/],
  [["--method", "random", "--schedule", "a:b"], /--schedule: only numeric flags take a range/],
  [["--method", "random", "--lr", "1e-2:1e-3"], /--lr: the range's min is above its max/],
  [["--lr", "1e-3", "--track", "../x"], /--track must be 1-128 characters/],
];
for (const [args, message] of usageCases) {
  test(`sweep ${args.join(" ")} -> exit 2, one line`, () => {
    const result = sweepCli(args);
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
    assert.match(result.stderr, message);
  });
}

test("npm run sweep: a grid above the run limit is refused at once with exit 2, before it is built", () => {
  const values = (n: number, of: (i: number) => string) => Array.from({ length: n }, (_, i) => of(i)).join(",");
  const result = sweepCli(["--lr", values(1000, (i) => `${i + 1}e-6`), "--batch-size", values(1000, (i) => String(i + 1)), "--epochs", values(1000, (i) => String(i + 1))]);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /the grid has 1,000,000,000 runs \(lr 1,000 × batchSize 1,000 × epochs 1,000\), over the limit of 10,000/);
  const random = sweepCli(["--method", "random", "--trials", "20000", "--lr", "1e-5:1e-1"]);
  assert.equal(random.status, 2, random.stderr);
  assert.match(random.stderr, /--trials: 20000 runs, over the limit of 10,000/);
});

test("npm run sweep: --warmup-steps beyond a run's total steps is refused with exit 2, as train refuses it", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sweep-cli-"));
  const result = sweepCli(["--lr", "1e-3,1e-2", "--epochs", "1", "--warmup-steps", "0,100000"], { RUNS_DIR: dir });
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /^sweep: --warmup-steps must be at most the total number of steps \(\d+ = 1 epochs x \d+ batches\), got 100000$/m);
  assert.deepEqual(fs.readdirSync(dir), [], "no run started");
});
