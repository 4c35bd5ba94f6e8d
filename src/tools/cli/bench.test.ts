import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../../lesson/paths";
import { benchArgs } from "./bench";
import { UsageError } from "./usage-error";

test("benchArgs defaults: 5 repeats, 100 epochs, every contender, scaling on, bench-results/latest.json", () => {
  assert.deepEqual(benchArgs([]), {
    repeats: 5, epochs: 100, contenders: ["src", "numpy", "tfjs", "torch"], scaling: true,
    out: path.join(repoRoot, "bench-results", "latest.json"), help: false,
  });
});

test("benchArgs reads every flag; --only keeps the table's order", () => {
  const args = benchArgs(["--repeats", "7", "--epochs=3", "--only", "tfjs,src", "--skip-scaling", "--out", "x.json"]);
  assert.deepEqual(args, { repeats: 7, epochs: 3, contenders: ["src", "tfjs"], scaling: false, out: path.resolve("x.json"), help: false });
});

test("benchArgs rejects bad values, naming the flag", () => {
  assert.throws(() => benchArgs(["--only", "src,pytorch"]), (e: unknown) => e instanceof UsageError && /--only .*got "pytorch"/.test(e.message));
  assert.throws(() => benchArgs(["--only", "src,src"]), /--only names a contender twice/);
  assert.throws(() => benchArgs(["--repeats", "0"]), /--repeats must be at least 1, got 0/);
  assert.throws(() => benchArgs(["--epochs", "2.5"]), /--epochs must be a whole number/);
  assert.throws(() => benchArgs(["--fast"]), /unknown flag --fast/);
});

test("npm run bench with a bad flag exits 2 with one line naming it, and runs nothing", () => {
  const run = spawnSync(process.execPath, [path.join(repoRoot, "dist", "src", "tools", "cli", "bench.js"), "--repeats", "many"], { encoding: "utf8" });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'bench: --repeats must be a number (like 32, 0.001 or 1e-3), got "many"\n');
  assert.equal(run.stdout, "");
});

test("npm run bench -- --help lists the flags", () => {
  const run = spawnSync(process.execPath, [path.join(repoRoot, "dist", "src", "tools", "cli", "bench.js"), "--help"], { encoding: "utf8" });
  assert.equal(run.status, 0);
  for (const flag of ["--repeats", "--epochs", "--only", "--skip-scaling", "--out", "--help"]) assert.ok(run.stdout.includes(flag), flag);
});
