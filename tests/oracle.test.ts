/**
 * The CLI's per-epoch losses against the numpy reference oracle's, run by run.
 * Fixtures: oracle-lesson-runs.json (the lesson's runs, from expected_public.json) and
 * oracle-extra-runs.json (made by scripts/make-oracle-fixtures.py: batch size 1, full batch,
 * every optimizer with every schedule, non-default hyperparameters).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { runTrainCli } from "./cli-run";

interface OracleRun {
  config: Record<string, string | number>;
  train_loss: number[];
  valid_loss: number[];
}

const FLAG_OF: Record<string, string> = {
  optimizer: "--optimizer", lr: "--lr", batch_size: "--batch-size", epochs: "--epochs", momentum: "--momentum",
  beta1: "--beta1", beta2: "--beta2", eps: "--eps", weight_decay: "--weight-decay", schedule: "--schedule", warmup_steps: "--warmup-steps",
};

const OPTIMIZERS_OF: Record<string, string[]> = { momentum: ["momentum"], beta1: ["adam", "adamw"], beta2: ["adam", "adamw"], eps: ["adam", "adamw"], weight_decay: ["adamw"] };
const readBy = (optimizer: string, key: string) => OPTIMIZERS_OF[key]?.includes(optimizer) ?? true;

function loadRuns(file: string): [string, OracleRun][] {
  const all = JSON.parse(fs.readFileSync(path.join(repoRoot, "tests", "fixtures", file), "utf8")) as Record<string, unknown>;
  return Object.entries(all).filter((e): e is [string, OracleRun] => typeof e[1] === "object" && e[1] !== null && "config" in e[1]);
}

const relativeError = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

for (const file of ["oracle-lesson-runs.json", "oracle-extra-runs.json"]) {
  for (const [name, run] of loadRuns(file)) {
    test(`${name}: every epoch's train and valid loss within 1e-9 of numpy`, () => {
      // Only the flags its optimizer reads: the CLI refuses the others (the oracle stores them at their defaults).
      const args = Object.entries(run.config).filter(([k]) => readBy(String(run.config.optimizer), k)).flatMap(([k, v]) => [FLAG_OF[k]!, String(v)]);
      const { status, stdout, stderr } = runTrainCli([...args, "--json"]);
      assert.equal(status, 0, stderr);
      const out = JSON.parse(stdout) as { config: Record<string, unknown>; epochs: { epoch: number; train_loss: number; valid_loss: number; runtime: number }[] };
      assert.deepEqual(out.config, run.config);
      assert.equal(out.epochs.length, run.train_loss.length);
      out.epochs.forEach((e, i) => {
        assert.equal(e.epoch, i);
        assert.ok(relativeError(e.train_loss, run.train_loss[i]!) <= 1e-9, `epoch ${i} train_loss ${e.train_loss} vs ${run.train_loss[i]}`);
        assert.ok(relativeError(e.valid_loss, run.valid_loss[i]!) <= 1e-9, `epoch ${i} valid_loss ${e.valid_loss} vs ${run.valid_loss[i]}`);
        assert.ok(e.runtime > 0 && e.runtime < 60);
      });
    });
  }
}
