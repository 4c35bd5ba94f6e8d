import * as os from "node:os";
import { loadHousePrices } from "../../lesson/data/house-prices";
import { housePricesCsv } from "../../lesson/paths";
import { CONTENDERS, type ContenderName, probePython } from "./contenders";
import { matmulFlops } from "./flops";
import type { Job } from "./job";
import { machineInfo } from "./machine";
import type { BenchReport, RowResult, ScalingResult } from "./report";
import { type Repetition, runRepetition } from "./repetition";
import { type BenchRun, lessonRuns, scalingRun } from "./runs";
import { median, relativeDifference } from "./stats";
import { sourceState } from "./source-state";
import { stepCost } from "./step-cost";

export interface BenchOptions {
  repeats: number;
  epochs: number;
  contenders: readonly ContenderName[];
  scaling: boolean;
  /** Progress lines (the CLI sends them to stderr). */
  onProgress?: (line: string) => void;
}

/** How close a contender's final losses must be to src's: numpy and torch do the same float64 arithmetic, tfjs float32. */
export const TOLERANCE: Record<ContenderName, number> = { src: 0, numpy: 1e-9, tfjs: 1e-3, torch: 1e-9 };

/**
 * Time every contender on every run: one discarded warm-up repetition each, then `repeats`
 * timed ones, taken round-robin across contenders so that a burst of other work on the
 * machine hits them alike. Every repetition is a fresh process.
 */
export function runBenchmark(options: BenchOptions): BenchReport {
  const say = options.onProgress ?? (() => {});
  const loadStart = os.loadavg()[0]!;
  const notices: string[] = [];
  const contenders = [...options.contenders];
  const versions: { python: string | null; numpy: string | null; torch: string | null } = { python: null, numpy: null, torch: null };
  for (const name of [...contenders]) {
    const probe = probePython(name);
    if (probe === null) continue;
    if ("notice" in probe) {
      notices.push(probe.notice);
      say(probe.notice);
      contenders.splice(contenders.indexOf(name), 1);
    } else {
      versions.python = probe.python;
      if (name === "numpy" || name === "torch") versions[name] = probe.version;
    }
  }
  const data = loadHousePrices(housePricesCsv);
  const runs = [...lessonRuns(options.epochs), ...(options.scaling ? [scalingRun(options.epochs)] : [])];
  const total = runs.length * contenders.length * (options.repeats + 1);
  let done = 0;

  const rows: RowResult[] = [];
  for (const run of runs) {
    const job: Job = { csv: housePricesCsv, config: run.config, widths: run.widths, tile: run.tile };
    const reps = new Map<ContenderName, Repetition[]>(contenders.map((c) => [c, []]));
    for (let r = 0; r <= options.repeats; r++) {
      for (const name of contenders) {
        const rep = runRepetition(CONTENDERS[name], job);
        reps.get(name)!.push(rep);
        done++;
        const label = r === 0 ? "warm-up" : `repetition ${r}/${options.repeats}`;
        say(`[${String(done).padStart(String(total).length)}/${total}] ${run.name} ${name} ${label}: ${rep.seconds.toFixed(3)} s`);
      }
    }
    const runRows = contenders.map((name) => summarize(run, name, reps.get(name)!, data.train.x.rows * run.tile, data.valid.x.rows));
    const src = runRows.find((row) => row.contender === "src");
    for (const row of runRows) compareWithSrc(row, src);
    rows.push(...runRows);
  }

  return {
    generatedAt: new Date().toISOString(),
    source: sourceState(),
    machine: machineInfo({ ...versions, loadAverage: { start: loadStart, end: os.loadavg()[0]! } }),
    settings: {
      repeats: options.repeats,
      warmupRepetitions: 1,
      epochs: options.epochs,
      scalingEpochs: options.scaling ? scalingRun(options.epochs).config.epochs : null,
      contenders,
    },
    contenders: Object.fromEntries(contenders.map((c) => [c, CONTENDERS[c].description])),
    notices,
    rows,
    scaling: options.scaling ? scalingSummary(rows) : null,
    stepCosts: contenders.flatMap((c) => {
      const small = rows.find((r) => r.run === "sgd_bs4" && r.contender === c);
      const large = rows.find((r) => r.run === "sgd_bs32" && r.contender === c);
      return small && large ? [stepCost(small, large)] : [];
    }),
    disagreements: rows
      .filter((row) => row.lossDiffVsSrc !== null && !(row.lossDiffVsSrc <= row.tolerance))
      .map((row) => `${row.run} ${row.contender}: final losses differ from src by ${row.lossDiffVsSrc!.toExponential(2)} relative (tolerance ${row.tolerance})`),
  };
}

function summarize(run: BenchRun, contender: ContenderName, all: Repetition[], trainRows: number, validRows: number): RowResult {
  const [warmup, ...timed] = all;
  const seconds = timed.map((r) => r.seconds);
  const medianSeconds = median(seconds);
  const epochs = run.config.epochs;
  const last = timed.at(-1)!;
  return {
    run: run.name,
    contender,
    optimizer: run.config.optimizer,
    batchSize: run.config.batch_size,
    epochs,
    widths: run.widths,
    trainRows,
    validRows,
    medianSeconds,
    minSeconds: Math.min(...seconds),
    maxSeconds: Math.max(...seconds),
    repetitionSeconds: seconds,
    warmupRepetitionSeconds: warmup!.seconds,
    samplesPerSecond: (epochs * trainRows) / medianSeconds,
    timeVsSrc: null,
    gflops: matmulFlops(run.widths, trainRows, validRows, epochs) / medianSeconds / 1e9,
    warmupSeconds: median(timed.map((r) => r.warmupSeconds)),
    firstEpochSeconds: median(timed.map((r) => r.firstEpochSeconds)),
    steadyEpochSeconds: median(timed.map((r) => r.medianEpochSeconds)),
    finalTrainLoss: last.finalTrainLoss,
    finalValidLoss: last.finalValidLoss,
    lossDiffVsSrc: null,
    tolerance: TOLERANCE[contender],
  };
}

function compareWithSrc(row: RowResult, src: RowResult | undefined): void {
  if (!src) return;
  row.timeVsSrc = row.medianSeconds / src.medianSeconds;
  row.lossDiffVsSrc = Math.max(
    relativeDifference(row.finalTrainLoss, src.finalTrainLoss),
    relativeDifference(row.finalValidLoss, src.finalValidLoss),
  );
}

/** Per contender: the scaling run against the lesson's SGD run at the same batch size. */
function scalingSummary(rows: RowResult[]): BenchReport["scaling"] {
  const scaled = scalingRun(1);
  const base = lessonRuns(1).find((r) => r.config.optimizer === scaled.config.optimizer && r.config.batch_size === scaled.config.batch_size)!;
  const perEpoch = (row: RowResult) => ({
    flops: matmulFlops(row.widths, row.trainRows, row.validRows, 1),
    seconds: row.medianSeconds / row.epochs,
  });
  const results: ScalingResult[] = [];
  for (const row of rows.filter((r) => r.run === scaled.name)) {
    const baseRow = rows.find((r) => r.run === base.name && r.contender === row.contender);
    if (!baseRow) continue;
    const a = perEpoch(baseRow);
    const b = perEpoch(row);
    results.push({ contender: row.contender, workRatio: b.flops / a.flops, timeRatio: b.seconds / a.seconds, baseGflops: baseRow.gflops, scaledGflops: row.gflops });
  }
  return { comparedWith: base.name, widths: scaled.widths, tile: scaled.tile, results };
}
