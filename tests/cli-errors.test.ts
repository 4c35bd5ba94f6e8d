/**
 * The train CLI under hostile input and a hostile system: every failure is one line on stderr
 * and a nonzero exit, never a stack trace, and a tracked run that fails says so on disk.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { listRuns } from "../src/lesson/track/reader";
import { housePricesCsv, repoRoot } from "../src/lesson/paths";
import { runTrainCli } from "./cli-run";

const trainJs = path.join(repoRoot, "dist", "src", "tools", "cli", "train.js");

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cli-errors-"));
}

/** Exit 1 and exactly one line (after the progress bar's) naming the problem; no stack frames. */
function assertOneLineFailure(result: { status: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(result.status, 1, result.stderr);
  const lines = result.stderr.split(/\r|\n/).filter((l) => l.startsWith("train:"));
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
}

for (const [flag, value] of [["--epochs", "0x10"], ["--batch-size", "0b11"], ["--lr", "1e3 "], ["--lr", " 1"], ["--epochs", "Infinity"], ["--lr", "1_000"]]) {
  test(`strict numbers: ${flag} "${value}" is refused`, () => {
    const { status, stderr } = runTrainCli([flag, value]);
    assert.equal(status, 2);
    assert.match(stderr, new RegExp(`${flag} must be a number \\(like 32, 0\\.001 or 1e-3\\), got "${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`));
  });
}

test("decimal and exponent forms are numbers: 1e-3, .5e-2, 3.", () => {
  const { status, stdout, stderr } = runTrainCli(["--lr", ".5e-2", "--epochs", "2.", "--momentum", "9e-1", "--optimizer", "momentum", "--json"]);
  assert.equal(status, 0, stderr);
  assert.deepEqual(JSON.parse(stdout).config.lr, 0.005);
});

test("a batch size above the training rows is one full batch, and 1e8 runs like it", () => {
  const huge = runTrainCli(["--batch-size", "1e8", "--epochs", "2", "--json"]);
  assert.equal(huge.status, 0, huge.stderr);
  const epochs = JSON.parse(huge.stdout).epochs as Array<{ train_loss: number; valid_loss: number }>;
  assert.ok(epochs.every((e) => Number.isFinite(e.train_loss) && Number.isFinite(e.valid_loss)));
  // The gradient is divided by the configured batch size, as in the numpy oracle: 1e8 takes tiny
  // steps, so its validation loss barely moves between the two epochs.
  const same = runTrainCli(["--batch-size", "1e9", "--epochs", "2", "--json"]);
  assert.equal(same.status, 0, same.stderr);
  assert.ok(Math.abs(epochs[1]!.valid_loss - epochs[0]!.valid_loss) < Math.abs(epochs[0]!.valid_loss) * 1e-3);
});

test("--data /dev/zero, a FIFO, a folder and a huge file are refused in one line", () => {
  const dir = tempDir();
  const fifo = path.join(dir, "fifo.csv");
  spawnSync("mkfifo", [fifo]);
  const huge = path.join(dir, "huge.csv");
  fs.writeFileSync(huge, "");
  fs.truncateSync(huge, 100 * 1024 * 1024); // sparse: no disk used
  for (const [file, message] of [["/dev/zero", /not a regular file/], [fifo, /not a regular file/], [dir, /not a regular file/], [huge, /100 MiB is over the 64 MiB limit for a dataset/]] as const) {
    assertOneLineFailure(runTrainCli(["--data", file, "--epochs", "1"]), message);
  }
  fs.rmSync(dir, { recursive: true });
});

test("a dataset too small to split gets its own error, not a hint about the learning rate", () => {
  const dir = tempDir();
  const file = path.join(dir, "tiny.csv");
  fs.writeFileSync(file, fs.readFileSync(housePricesCsv, "utf8").split("\n").slice(0, 4).join("\n") + "\n");
  assertOneLineFailure(runTrainCli(["--data", file, "--epochs", "1"]), /3 data rows are too few to split: 70 \/ 15 \/ 15 gives 2 \/ 0 \/ 1 training \/ validation \/ test rows/);
  fs.rmSync(dir, { recursive: true });
});

test("a diverging tracked run is marked failed, with the divergence as its reason", () => {
  const dir = tempDir();
  const result = runTrainCli(["--lr", "10", "--epochs", "40", "--track", "diverge", "--json"], { RUNS_DIR: dir });
  assertOneLineFailure(result, /training diverged: the loss became (Infinity|NaN) at epoch \d+, step \d+; try a lower learning rate \(run .* marked failed\)/);
  const [run] = listRuns("diverge", { dir, warn: assert.fail });
  assert.equal(run!.state, "failed");
  assert.match(run!.reason!, /^diverged: the loss became (Infinity|NaN) at epoch \d+, step \d+$/);
  fs.rmSync(dir, { recursive: true });
});

test("EPIPE: train | head -1 ends quietly", () => {
  const result = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${trainJs}" --epochs 30 | head -1`], { encoding: "utf8", cwd: repoRoot });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /epoch\s+train_loss/);
  assert.doesNotMatch(result.stderr, /EPIPE|\n\s+at /);
});

test("EACCES: an unreadable dataset is one line", (t) => {
  const dir = tempDir();
  const file = path.join(dir, "private.csv");
  fs.copyFileSync(housePricesCsv, file);
  fs.chmodSync(file, 0o000);
  // An ordinary user cannot read a mode-000 file. Root can, unless it runs without the two
  // capabilities that bypass permissions: setpriv drops them and keeps the uid, so the CLI still
  // loads from wherever the checkout is.
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync("setpriv", ["--version"]).status !== 0) return t.skip("would check that an unreadable dataset fails in one line; root needs setpriv to give up reading everything");
  const dropReadAll = ["--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"];
  const command = asRoot ? ["setpriv", ...dropReadAll, process.execPath] : [process.execPath];
  const result = spawnSync(command[0], [...command.slice(1), trainJs, "--data", file, "--epochs", "1"], { encoding: "utf8", cwd: "/" });
  assertOneLineFailure(result, /cannot read the file \(EACCES: permission denied/);
  fs.chmodSync(file, 0o600);
  fs.rmSync(dir, { recursive: true });
});

test("ENOSPC: a tracked run on a full disk is one line, and the run is marked failed", (t) => {
  if (spawnSync("unshare", ["-rm", "true"]).status !== 0) return t.skip("unshare -rm is not permitted here");
  // A 16 KiB tmpfs in a private mount namespace: room for the run's files and a few records.
  const shell = `d=$(mktemp -d) && mount -t tmpfs -o size=16k tmpfs "$d" && RUNS_DIR="$d" "${process.execPath}" "${trainJs}" --epochs 5 --batch-size 4 --track full --json; echo "exit=$?"; cat "$d"/full/*/summary.json; umount "$d"; rmdir "$d"`;
  const result = spawnSync("unshare", ["-rm", "sh", "-c", shell], { encoding: "utf8", cwd: repoRoot, timeout: 60_000 });
  assertOneLineFailure({ status: Number(/exit=(\d+)/.exec(result.stdout)?.[1]), stderr: result.stderr }, /could not write metrics\.jsonl: ENOSPC: no space left on device.*the run is marked failed with \d+ records kept/);
  const summary = JSON.parse(result.stdout.slice(result.stdout.indexOf("exit=") + 7));
  assert.equal(summary.state, "failed");
  assert.match(summary.reason, /^write error: ENOSPC/);
});

test("off a terminal, a train error is its own line: no blank line before it", () => {
  const missing = path.join(tempDir(), "missing.csv");
  const result = runTrainCli(["--data", missing, "--epochs", "1"]);
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stderr, /^train: /m);
  assert.doesNotMatch(result.stderr, /(^|\n)\ntrain: /, JSON.stringify(result.stderr));
});
