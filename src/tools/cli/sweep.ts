#!/usr/bin/env node
/**
 * A hyperparameter sweep over the train flags, in worker processes over the cores:
 *   npm run --silent sweep -- --lr 1e-3,3e-3,1e-2 --schedule constant,linear --epochs 40 --batch-size 16
 *   npm run --silent sweep -- --method random --trials 20 --lr 1e-5:1e-1 --batch-size 4,16,64 --json
 * Each train flag takes a comma-separated list of values; with --method random, also a range
 * `min:max` (drawn log-uniformly when min > 0). Every run is tracked under one sweep id.
 * Exit codes: 0 done (failed runs are results too), 1 every run failed, 2 bad command line.
 */
import { gridConfigs, randomConfigs, runSweep, snakeCase, type SweepRun, type SweepValues } from "../../lesson/track/sweep";
import { toSnakeCase } from "../../lesson/train/snake-case";
import { checkSegment } from "../../lesson/track/layout";
import type { TrainConfig } from "../../lesson/train/config";
import { readCommandLine } from "./command-line";
import { atLeastOne, flagHelp, type FlagSpec, parseFlags } from "./flags";
import { textTable } from "./table";
import { CONFIG_FLAGS, flagKey } from "./train";
import { DEFAULT_CONFIG, withDefaults } from "../../lesson/train/config";
import { loadHousePrices } from "../../lesson/data/house-prices";
import { housePricesCsv } from "../../lesson/paths";
import { warmupProblem } from "./warmup-check";
import { checkOptimizerFlags } from "./optimizer-flags";
import { guardOutputStreams } from "./output-streams";
import { UsageError } from "./usage-error";

const listFlags: Record<string, FlagSpec> = Object.fromEntries(
  Object.entries(CONFIG_FLAGS).map(([name, spec]) => [name, { kind: "string", help: `${spec.help.replace(/ \(default.*\)$/, "")}: VALUES, comma-separated` } as FlagSpec]),
);

const FLAGS: Record<string, FlagSpec> = {
  ...listFlags,
  method: { kind: "choice", choices: ["grid", "random"], help: "grid: every combination (default); random: --trials draws" },
  trials: { kind: "number", integer: true, check: atLeastOne, help: "runs drawn by --method random (default 10)" },
  seed: { kind: "number", integer: true, check: (v) => (v >= 0 && v < 2 ** 32 ? null : "must be in [0, 2^32)"), help: "seed of --method random's draws (default 0)" },
  workers: { kind: "number", integer: true, check: atLeastOne, help: "worker processes (default: one per core)" },
  track: { kind: "string", help: "project the runs are recorded in (default sweeps)" },
  data: { kind: "string", help: "the dataset CSV (default data/house_prices.csv)" },
  json: { kind: "switch", help: "print one JSON object {sweep, project, params, runs} on stdout" },
  help: { kind: "switch", help: "show this help" },
};

const USAGE = `usage: npm run --silent sweep -- [flags]\n\nEach training flag takes a list like 1e-3,1e-2 or, with --method random, a range like 1e-5:1e-1.\n\n${flagHelp(FLAGS)}`;

interface SweepArgs {
  configs: Array<Partial<TrainConfig>>;
  project: string;
  workers?: number;
  data?: string;
  json: boolean;
  help: boolean;
}

/** Read the command line into the sweep's configs; every mistake is a UsageError naming the flag. */
export function sweepFromArgs(argv: readonly string[]): SweepArgs {
  const f = parseFlags(argv, FLAGS);
  const random = f.method === "random";
  if (!random && ("trials" in f || "seed" in f)) throw new UsageError("--trials and --seed need --method random");
  const axes: Record<string, SweepValues> = {};
  for (const flag of Object.keys(CONFIG_FLAGS)) {
    if (flag in f) axes[flagKey(flag)] = readValues(flag, f[flag] as string, random);
  }
  const optimizers = Array.isArray(axes.optimizer) ? (axes.optimizer as string[]) : [DEFAULT_CONFIG.optimizer];
  checkOptimizerFlags(optimizers, Object.keys(f));
  if (Object.keys(axes).length === 0 && !f.help) throw new UsageError("give at least one training flag to sweep, e.g. --lr 1e-3,1e-2 (see --help)");
  const grid = Object.fromEntries(Object.entries(axes).map(([k, v]) => [k, v as readonly unknown[]]));
  let configs: ReturnType<typeof gridConfigs>;
  try {
    configs = random ? randomConfigs({}, axes, (f.trials as number | undefined) ?? 10, (f.seed as number | undefined) ?? 0) : gridConfigs({}, grid);
  } catch (error) {
    const message = (error as Error).message.replace(/^gridConfigs: /, "").replace(/^randomConfigs: /, "--trials: ");
    throw new UsageError(message);
  }
  const project = (f.track as string | undefined) ?? "sweeps";
  try {
    checkSegment("--track", project);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { configs, project, workers: f.workers as number | undefined, data: f.data as string | undefined, json: f.json === true, help: f.help === true };
}

/** "a,b,c" checked value by value as the train CLI checks one; "min:max" for random numeric flags. */
function readValues(flag: string, raw: string, random: boolean): SweepValues {
  const spec = CONFIG_FLAGS[flag]!;
  const one = (value: string) => parseFlags([`--${flag}`, value], { [flag]: spec })[flag];
  if (raw.includes(":")) {
    if (!random) throw new UsageError(`--${flag}: a range (${raw}) needs --method random; a grid takes a list like a,b,c`);
    if (spec.kind !== "number") throw new UsageError(`--${flag}: only numeric flags take a range, got "${raw}"`);
    const [min, max, extra] = raw.split(":");
    if (extra !== undefined || !min || !max) throw new UsageError(`--${flag}: a range is min:max, got "${raw}"`);
    const range = { min: one(min) as number, max: one(max) as number, integer: spec.integer === true };
    if (range.min > range.max) throw new UsageError(`--${flag}: the range's min is above its max, got "${raw}"`);
    return range;
  }
  const values = raw.split(",").map((v) => {
    if (v === "") throw new UsageError(`--${flag}: empty value in "${raw}"`);
    return one(v);
  });
  if (new Set(values).size !== values.length) throw new UsageError(`--${flag}: a value is repeated in "${raw}"`);
  return values;
}

/** What is already on disk, for a message when stdout then fails. */
let recorded = "";

async function main(argv: readonly string[]): Promise<number> {
  const parsed = readCommandLine("sweep", argv, sweepFromArgs, USAGE);
  if (typeof parsed === "number") return parsed;
  const { configs, project, json } = parsed;
  const tooLong = warmupBeyondSteps(configs, parsed.data ?? housePricesCsv);
  if (tooLong) {
    process.stderr.write(`sweep: ${tooLong}\n`);
    return 2;
  }
  process.stderr.write(`sweep: ${configs.length} run${configs.length === 1 ? "" : "s"} in project ${project}\n`);
  const sweep = await runSweep({
    project, configs, workers: parsed.workers, data: parsed.data, setup: { module: require.resolve("../../engine"), call: "useEngine" },
    onRun: (run, done, total) => process.stderr.write(`[${done}/${total}] ${run.name}: ${run.state === "finished" ? `valid_loss ${last(run)?.valid_loss.toFixed(4)}` : `failed (${run.reason})`}\n`),
  });
  recorded = `the sweep's ${sweep.runs.length} runs are recorded in project ${project} (sweep ${sweep.id})`;
  const params = sweep.params.map(snakeCase); // the CLI's JSON spells keys as the numpy reference does
  const rows = sweep.runs.map((run) => ({
    name: run.name, runId: run.runId, config: toSnakeCase(run.config), state: run.state,
    ...(run.reason !== undefined ? { reason: run.reason } : {}),
    train_loss: last(run)?.train_loss ?? null, valid_loss: last(run)?.valid_loss ?? null,
  }));
  if (json) {
    process.stdout.write(`${JSON.stringify({ sweep: sweep.id, project, params, runs: rows })}\n`);
  } else {
    const table = rows.map((r) => [
      ...params.map((p) => String((r.config as unknown as Record<string, unknown>)[p])),
      r.state, r.train_loss?.toFixed(4) ?? "-", r.valid_loss?.toFixed(4) ?? "-", r.runId,
    ]);
    process.stdout.write(`${textTable([...params, "state", "train_loss", "valid_loss", "run"], table)}\n`);
    process.stdout.write(`\nsweep ${sweep.id}: ${rows.filter((r) => r.state === "finished").length} finished, ${rows.filter((r) => r.state === "failed").length} failed; npm run dashboard shows it under project ${project}\n`);
  }
  return rows.some((r) => r.state === "finished") ? 0 : 1;
}

/** The first config whose warmup is longer than its run, as train refuses it; null when none. */
function warmupBeyondSteps(configs: ReadonlyArray<Partial<TrainConfig>>, data: string): string | null {
  if (!configs.some((c) => (c.warmupSteps ?? 0) > 0)) return null;
  const rows = loadHousePrices(data).train.x.rows;
  for (const partial of configs) {
    const problem = warmupProblem(withDefaults(partial), rows);
    if (problem) return problem;
  }
  return null;
}

function last(run: SweepRun) {
  return run.epochs[run.epochs.length - 1];
}

if (require.main === module) {
  guardOutputStreams("sweep", () => (recorded === "" ? "" : `; ${recorded}`));
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      process.stderr.write(`sweep: ${error.message.split("\n")[0]}\n`);
      process.exitCode = 1;
    },
  );
}
