/**
 * A small run of the whole benchmark (2 epochs, 1 repetition): the table and the JSON have
 * their shape, and every contender computed the same losses as the src engine. The timings
 * themselves are not checked: the benchmark is not part of pass/fail.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BenchReport } from "../src/tools/bench/report";
import { TABLE_HEADER } from "../src/tools/bench/table";
import { repoRoot } from "../src/lesson/paths";

const benchCli = path.join(repoRoot, "dist", "src", "tools", "cli", "bench.js");

function runBench(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-smoke-")), "results.json");
  const run = spawnSync(process.execPath, [benchCli, ...args, "--out", out], { encoding: "utf8", env });
  return { ...run, report: fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, "utf8")) as BenchReport) : null };
}

const numpyAvailable = spawnSync("python3", ["-c", "import numpy"]).status === 0;
const torchAvailable = numpyAvailable && spawnSync("python3", ["-c", "import torch"]).status === 0;

test("bench --epochs 2 --repeats 1: table, JSON, and every contender computes src's losses", (t) => {
  const { status, stdout, stderr, report } = runBench(["--epochs", "2", "--repeats", "1"]);
  assert.equal(status, 0, stderr);
  assert.ok(report, "no JSON results written");
  if (!numpyAvailable) t.diagnostic("python3 with numpy is missing here: the numpy contender is skipped");
  if (!torchAvailable) t.diagnostic("python3 with torch is missing here: the torch contender is skipped (bash scripts/setup-bench.sh installs it)");

  const contenders = ["src", ...(numpyAvailable ? ["numpy"] : []), "tfjs", ...(torchAvailable ? ["torch"] : [])];
  const runs = ["sgd_bs4", "sgd_bs32", "momentum_bs32", "adamw_bs32", "scaling_sgd_bs32"];
  assert.deepEqual(report.rows.map((r) => `${r.run} ${r.contender}`), runs.flatMap((run) => contenders.map((c) => `${run} ${c}`)));
  assert.deepEqual(report.settings, { repeats: 1, warmupRepetitions: 1, epochs: 2, scalingEpochs: 1, contenders });
  assert.deepEqual(report.disagreements, []);
  assert.equal(report.machine.torch === null, !torchAvailable);
  for (const row of report.rows) {
    const where = `${row.run} ${row.contender}`;
    assert.equal(row.repetitionSeconds.length, 1, where);
    assert.ok(row.medianSeconds > 0 && Number.isFinite(row.samplesPerSecond) && row.gflops > 0, where);
    assert.equal(row.epochs, row.run.startsWith("scaling") ? 1 : 2, where);
    assert.equal(row.trainRows, row.run.startsWith("scaling") ? 5050 : 505, where);
    // numpy and torch do src's float64 arithmetic; tfjs's float32 stays within ~1e-6 over two
    // epochs (the bench allows 1e-3 for 100), so a real difference in the update shows up here.
    const limit = { src: 0, numpy: 1e-9, tfjs: 1e-5, torch: 1e-9 }[row.contender];
    assert.ok(row.lossDiffVsSrc !== null && row.lossDiffVsSrc <= limit, `${where}: loss differs from src by ${row.lossDiffVsSrc}`);
    if (row.contender === "src") assert.equal(row.timeVsSrc, 1, where);
  }
  // src's final losses for sgd_bs4 after 2 epochs are the numpy reference's (expected_public.json)
  const sgd4 = report.rows.find((r) => r.run === "sgd_bs4" && r.contender === "src")!;
  assert.ok(Math.abs(sgd4.finalTrainLoss - 75.37669477420971) / 75.37669477420971 < 1e-9);
  assert.deepEqual(report.scaling?.results.map((r) => r.contender), contenders);

  const lines = stdout.split("\n");
  assert.deepEqual(lines[0]!.trim().split(/\s{2,}/), [...TABLE_HEADER]);
  assert.equal(lines.filter((l) => /^\s*(sgd_bs4|sgd_bs32|momentum_bs32|adamw_bs32|scaling_sgd_bs32)\s/.test(l)).length, report.rows.length);
  assert.match(stdout, /machine: .*, \d+ cores; node v\d+/);
  if (fs.existsSync(path.join(repoRoot, ".git"))) assert.match(report.source?.commit ?? "", /^[0-9a-f]{40}$/);
  assert.match(stderr, /\[\s*1\/\d+\] sgd_bs4 src warm-up: [\d.]+ s/);
});

test("bench skips numpy and torch with a notice when python3 cannot be run", () => {
  const env = { ...process.env, BENCH_PYTHON: path.join(os.tmpdir(), "no-such-python3") };
  const { status, stdout, stderr, report } = runBench(["--epochs", "1", "--repeats", "1", "--only", "src,numpy,torch", "--skip-scaling"], env);
  assert.equal(status, 0, stderr);
  for (const name of ["numpy", "torch"]) {
    assert.match(stderr, new RegExp(`${name} skipped: cannot run .*no-such-python3`));
    assert.match(stdout, new RegExp(`${name} skipped: cannot run`));
  }
  assert.deepEqual(report?.rows.map((r) => r.contender), ["src", "src", "src", "src"]);
  assert.deepEqual(report?.settings.contenders, ["src"]);
  assert.equal(report?.scaling, null);
});

test("bench skips torch with a notice when python3 cannot import it", { skip: !numpyAvailable && "python3 with numpy is missing here" }, () => {
  // A package named torch that fails to import, first on the path, stands in for a missing torch.
  const shadow = fs.mkdtempSync(path.join(os.tmpdir(), "no-torch-"));
  fs.mkdirSync(path.join(shadow, "torch"));
  fs.writeFileSync(path.join(shadow, "torch", "__init__.py"), "raise ModuleNotFoundError(\"No module named 'torch'\")\n");
  const env = { ...process.env, PYTHONPATH: shadow };
  const { status, stdout, stderr, report } = runBench(["--epochs", "1", "--repeats", "1", "--only", "src,torch", "--skip-scaling"], env);
  assert.equal(status, 0, stderr);
  assert.match(stderr, /torch skipped: .* cannot import numpy and torch \(ModuleNotFoundError: No module named 'torch'\); bash scripts\/setup-bench.sh installs/);
  assert.match(stdout, /torch skipped/);
  assert.deepEqual(report?.settings.contenders, ["src"]);
  assert.deepEqual(report?.notices.length, 1);
  assert.equal(report?.machine.torch, null);
});
