import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadRun } from "../src/lesson/track/reader";
import { runTrainCli } from "./cli-run";

function assertUsageError(args: string[], pattern: RegExp) {
  const { status, stdout, stderr } = runTrainCli(args);
  assert.equal(status, 2, `exit code for ${args.join(" ")}; stderr: ${stderr}`);
  assert.equal(stdout, "");
  const lines = stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line on stderr, got: ${stderr}`);
  assert.match(lines[0]!, pattern);
}

const usageCases: [string[], RegExp][] = [
  [["--optimizer", "rmsprop"], /--optimizer must be one of sgd, momentum, adam, adamw, got "rmsprop"/],
  [["--bogus", "1"], /unknown flag --bogus/],
  [["--lr"], /--lr needs a value/],
  [["--lr", "fast"], /--lr must be a number \(like 32, 0\.001 or 1e-3\), got "fast"/],
  [["--lr", "0"], /--lr must be > 0, got 0/],
  [["--lr", "-1e-3"], /--lr must be > 0/],
  [["--batch-size", "0"], /--batch-size must be at least 1, got 0/],
  [["--batch-size", "2.5"], /--batch-size must be a whole number, got "2.5"/],
  [["--epochs", "0"], /--epochs must be at least 1, got 0/],
  [["--momentum", "1"], /--momentum must be in \[0, 1\), got 1/],
  [["--beta1", "-0.1"], /--beta1 must be in \[0, 1\)/],
  [["--beta2", "1.5"], /--beta2 must be in \[0, 1\)/],
  [["--schedule", "step"], /--schedule must be one of constant, linear, cosine/],
  [["--epochs", "2", "--warmup-steps", "33"], /--warmup-steps must be at most the total number of steps \(32 = 2 epochs x 16 batches\), got 33/],
  [["--epochs", "2", "--epochs", "3"], /--epochs is given twice/],
  [["--track", "../escape"], /--track must be 1-128 characters of letters, digits/],
  [["--name", "solo"], /--name needs --track PROJECT/],
];

for (const [args, pattern] of usageCases) {
  test(`bad command line: ${args.join(" ")} -> exit 2 and one line naming the flag`, () => assertUsageError(args, pattern));
}

test("warmup may equal the total number of steps", () => {
  const { status, stderr } = runTrainCli(["--epochs", "2", "--warmup-steps", "32", "--schedule", "linear", "--json"]);
  assert.equal(status, 0, stderr);
});

test("a diverging run exits 1 naming the epoch and step", () => {
  const { status, stderr } = runTrainCli(["--lr", "10", "--epochs", "40", "--json"]);
  assert.equal(status, 1);
  assert.match(stderr, /training diverged: the loss became (Infinity|NaN) at epoch \d+, step \d+; try a lower learning rate/);
});

test("--json prints exactly one JSON object on stdout", () => {
  const { status, stdout } = runTrainCli(["--epochs", "3", "--json"]);
  assert.equal(status, 0);
  const lines = stdout.trim().split("\n");
  assert.equal(lines.length, 1);
  const out = JSON.parse(lines[0]!);
  assert.deepEqual(Object.keys(out), ["config", "epochs"]);
  assert.deepEqual(Object.keys(out.epochs[0]), ["epoch", "train_loss", "valid_loss", "runtime"]);
});

test("without --json: progress on stderr, a table on stdout", () => {
  const { status, stdout, stderr } = runTrainCli(["--epochs", "3", "--optimizer", "adamw", "--lr", "1e-3", "--weight-decay", "0.1"]);
  assert.equal(status, 0);
  assert.match(stdout, /epoch\s+train_loss\s+valid_loss\s+runtime_ms/);
  assert.equal(stdout.match(/^\s+\d+\s+\d+\.\d{4}\s+\d+\.\d{4}/gm)?.length, 3);
  assert.match(stderr, /epoch 3\/3 \[#+\] loss \d/);
});

test("a malformed dataset names the file, line and column and exits 1", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-"));
  const file = path.join(dir, "bad.csv");
  fs.writeFileSync(file, "date,interest,vacancy,cpi,price,value,adj_price,adj_value,next_quarter\n2008-01-01,1,2,3,4,5,6,7,8\n2008-01-08,1,2,oops,4,5,6,7,8\n");
  try {
    const { status, stderr } = runTrainCli(["--data", file, "--epochs", "1"]);
    assert.equal(status, 1);
    assert.match(stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: column "cpi": "oops" is not a number`));
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test("--help lists the flags", () => {
  const { status, stdout } = runTrainCli(["--help"]);
  assert.equal(status, 0);
  for (const flag of ["--optimizer", "--lr", "--batch-size", "--epochs", "--warmup-steps", "--json"]) assert.match(stdout, new RegExp(flag));
});

test("--track records the run for the dashboard, with its config and every epoch", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-runs-"));
  try {
    const { status, stdout, stderr } = runTrainCli(["--epochs", "3", "--batch-size", "64", "--track", "cli-test", "--json"], { RUNS_DIR: dir });
    assert.equal(status, 0, stderr);
    const [id] = fs.readdirSync(path.join(dir, "cli-test"));
    assert.match(stderr, new RegExp(`run ${id} recorded in`));
    const run = loadRun("cli-test", id!, { dir });
    assert.equal(run.state, "finished");
    assert.equal(run.name, "sgd-bs64");
    assert.equal(run.config.batch_size, 64);
    const printed = JSON.parse(stdout) as { epochs: { valid_loss: number }[] };
    assert.equal(run.final.valid_loss, printed.epochs[2]!.valid_loss);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});
