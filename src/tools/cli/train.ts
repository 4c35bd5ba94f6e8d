#!/usr/bin/env node
/**
 * Train the lesson's network from the command line:
 *   npm run --silent train -- --optimizer adamw --lr 1e-3 --batch-size 32 --epochs 100 [--json]
 * Exit codes: 0 done, 1 the run failed (diverged, unreadable data), 2 bad command line.
 */
import { CsvError } from "../../lesson/data/csv-table";
import { loadHousePrices } from "../../lesson/data/house-prices";
import { housePricesCsv } from "../../lesson/paths";
import { toSnakeCase } from "../../lesson/train/snake-case";
import { useEngine } from "../../engine";
import { DEFAULT_CONFIG, runConfig, type TrainConfig } from "../../lesson/train/config";
import { DivergenceError } from "../../lesson/train/divergence-error";
import { atLeastOne, flagHelp, type FlagSpec, nonNegative, parseFlags, positive, unitInterval } from "./flags";
import { terminalProgress } from "./progress-bar";
import { textTable } from "./table";
import { readCommandLine } from "./command-line";
import { checkOptimizerFlags } from "./optimizer-flags";
import { guardOutputStreams } from "./output-streams";
import { UsageError } from "./usage-error";
import { warmupProblem } from "./warmup-check";
import { initRun, type Run } from "../../lesson/track/run";
import { checkSegment } from "../../lesson/track/layout";

/** The flags that set a TrainConfig key (the sweep CLI takes lists of their values). */
export const CONFIG_FLAGS: Record<string, FlagSpec> = {
  optimizer: { kind: "choice", choices: ["sgd", "momentum", "adam", "adamw"], help: `the optimizer (default ${DEFAULT_CONFIG.optimizer})` },
  lr: { kind: "number", check: positive, help: `peak learning rate, > 0 (default ${DEFAULT_CONFIG.lr})` },
  "batch-size": { kind: "number", integer: true, check: atLeastOne, help: `rows per batch, >= 1 (default ${DEFAULT_CONFIG.batchSize})` },
  epochs: { kind: "number", integer: true, check: atLeastOne, help: `passes over the training rows, >= 1 (default ${DEFAULT_CONFIG.epochs})` },
  momentum: { kind: "number", check: unitInterval, help: `momentum, in [0, 1) (default ${DEFAULT_CONFIG.momentum})` },
  beta1: { kind: "number", check: unitInterval, help: `Adam's gradient average decay, in [0, 1) (default ${DEFAULT_CONFIG.beta1})` },
  beta2: { kind: "number", check: unitInterval, help: `Adam's squared-gradient decay, in [0, 1) (default ${DEFAULT_CONFIG.beta2})` },
  eps: { kind: "number", check: positive, help: `Adam's epsilon, > 0 (default ${DEFAULT_CONFIG.eps})` },
  "weight-decay": { kind: "number", check: nonNegative, help: `AdamW's decoupled weight decay, >= 0 (default ${DEFAULT_CONFIG.weightDecay})` },
  schedule: { kind: "choice", choices: ["constant", "linear", "cosine"], help: `learning-rate schedule (default ${DEFAULT_CONFIG.schedule})` },
  "warmup-steps": { kind: "number", integer: true, check: nonNegative, help: "steps of linear warmup, <= total steps (default 0)" },
};

/** The TrainConfig key each of CONFIG_FLAGS sets: --batch-size sets batchSize. */
export const flagKey = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof TrainConfig;

const FLAGS: Record<string, FlagSpec> = {
  ...CONFIG_FLAGS,
  data: { kind: "string", help: "the dataset CSV (default data/house_prices.csv)" },
  track: { kind: "string", help: "record the run in runs/PROJECT/ for the dashboard (npm run dashboard)" },
  name: { kind: "string", help: "the tracked run's name (default: optimizer and batch size, e.g. sgd-bs32)" },
  json: { kind: "switch", help: "print one JSON object {config, epochs} on stdout and nothing else" },
  help: { kind: "switch", help: "show this help" },
};

const USAGE = `usage: npm run --silent train -- [flags]\n\n${flagHelp(FLAGS)}`;

/** Read the command line into a full config (defaults for what it leaves out). */
export interface TrainArgs {
  config: TrainConfig;
  json: boolean;
  help: boolean;
  data: string;
  track: { project: string; name: string } | null;
}

export function configFromArgs(argv: readonly string[]): TrainArgs {
  const f = parseFlags(argv, FLAGS);
  const pick = <K extends keyof TrainConfig>(flag: string, key: K): TrainConfig[K] =>
    (flag in f ? f[flag] : DEFAULT_CONFIG[key]) as TrainConfig[K];
  const config: TrainConfig = {
    optimizer: pick("optimizer", "optimizer"),
    lr: pick("lr", "lr"),
    batchSize: pick("batch-size", "batchSize"),
    epochs: pick("epochs", "epochs"),
    momentum: pick("momentum", "momentum"),
    beta1: pick("beta1", "beta1"),
    beta2: pick("beta2", "beta2"),
    eps: pick("eps", "eps"),
    weightDecay: pick("weight-decay", "weightDecay"),
    schedule: pick("schedule", "schedule"),
    warmupSteps: pick("warmup-steps", "warmupSteps"),
  };
  checkOptimizerFlags([config.optimizer], Object.keys(f));
  if ("name" in f && !("track" in f)) throw new UsageError("--name needs --track PROJECT (it names the tracked run)");
  if ("name" in f && (f.name as string).trim() === "") throw new UsageError(`--name must not be blank, got ${JSON.stringify(f.name)}`);
  if ("track" in f) {
    try {
      checkSegment("--track", f.track as string);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  const track = "track" in f ? { project: f.track as string, name: (f.name as string | undefined) ?? `${config.optimizer}-bs${config.batchSize}` } : null;
  return { config, json: f.json === true, help: f.help === true, data: (f.data as string | undefined) ?? housePricesCsv, track };
}

function main(argv: readonly string[]): number {
  useEngine();
  const parsed = readCommandLine("train", argv, configFromArgs, USAGE);
  if (typeof parsed === "number") return parsed;
  const { config, json } = parsed;
  let run: Run | undefined;
  try {
    const data = loadHousePrices(parsed.data);
    const warmup = warmupProblem(config, data.train.x.rows);
    if (warmup) {
      process.stderr.write(`train: ${warmup}\n`);
      return 2;
    }
    const showProgress = !json || process.stderr.isTTY;
    run = parsed.track ? initRun({ ...parsed.track, config: { ...toSnakeCase(config) } }) : undefined;
    const result = runConfig(config, { data, logger: run, onProgress: showProgress ? terminalProgress(process.stderr) : undefined });
    if (run) process.stderr.write(`train: run ${run.id} recorded in ${run.dir}\n`);
    if (json) {
      process.stdout.write(`${JSON.stringify({ config: toSnakeCase(config), epochs: result.epochs })}\n`);
    } else {
      const rows = result.epochs.map((e) => [String(e.epoch), e.train_loss.toFixed(4), e.valid_loss.toFixed(4), (e.runtime * 1000).toFixed(2)]);
      const total = result.epochs.reduce((s, e) => s + e.runtime, 0);
      process.stdout.write(`${textTable(["epoch", "train_loss", "valid_loss", "runtime_ms"], rows)}\n`);
      process.stdout.write(`\n${config.optimizer}, lr ${config.lr}, batch size ${config.batchSize}: ${result.steps} steps in ${total.toFixed(3)} s of training\n`);
    }
    return 0;
  } catch (err) {
    run?.fail(`exception: ${(err as Error).message}`); // no-op when the loop already marked it
    const tracked = run?.finished ? ` (run ${run.id} marked failed)` : "";
    // On a terminal the progress bar may have left its line open; elsewhere the error is its own line.
    process.stderr.write(`${process.stderr.isTTY ? "\n" : ""}train: ${oneLine(err)}${tracked}\n`);
    return 1;
  }
}

/** Every error as one line: ours carry their own message; system errors name the call and the path. */
function oneLine(err: unknown): string {
  if (err instanceof DivergenceError || err instanceof CsvError) return err.message;
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code === "string" && e.code === "ENOSPC") return `no space left on the disk: ${e.message}`;
  if (err instanceof RangeError && /memory/i.test(err.message)) return `out of memory: ${err.message}`;
  return (e?.message ?? String(err)).split("\n")[0]!;
}

if (require.main === module) {
  guardOutputStreams("train");
  process.exitCode = main(process.argv.slice(2));
}
