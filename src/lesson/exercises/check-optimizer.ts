/**
 * Checking a learner's optimizer against a reference, step by step. Both train their own copy of
 * the lesson's network from the same seeded start on the same batches; after every step every
 * parameter is compared, and the first one that differs is named: the step, the layer, the array
 * (weights or bias), the index, and both values. It never throws: a wrong answer is reported.
 * By default its line is an exercise line (exercise-line.ts): an unfinished exercise says it waits
 * for the learner's code, and is not mistaken for a false claim of the chapter's prose.
 */
import { loadHousePrices, type HousePrices } from "../data/house-prices";
import type { Matrix } from "../math/matrix";
import type { Dense, ParamGrads } from "../nn/dense";
import { errorInto } from "../nn/loss";
import { backward, createNetwork, forward } from "../nn/network";
import { ClaimValues, claimLine } from "../notebook/claim";
import { exerciseLine } from "./exercise-line";
import type { Optimizer } from "../optim/optimizer";
import { layerParameters } from "../train/parameters";

export interface CheckOptions {
  /** Optimizer steps to compare (default 20). */
  steps?: number;
  /** Rows per batch, in file order from the training split, epoch after epoch (default 32). */
  batchSize?: number;
  /** Largest relative difference accepted (default 1e-12). */
  tolerance?: number;
  /** The network both start from (default: the lesson's seeded createNetwork()). */
  network?: () => Dense[];
  data?: HousePrices;
  /** Print the verdict line (default true). */
  print?: boolean;
  /** Name of the thing checked, for the verdict line (default "your optimizer"). */
  name?: string;
  /**
   * "exercise" (the default): an exercise line. A chapter's own check cell passes "" so its line
   * is a claim of the chapter (✓ or ✗ first), held to the stored-claims test.
   */
  prefix?: string;
}

export interface Difference {
  step: number;
  layer: number;
  array: "weights" | "bias";
  index: number;
  learner: number;
  reference: number;
}

export interface CheckResult {
  ok: boolean;
  /** Steps compared before the verdict (all of them when ok). */
  steps: number;
  /** Largest relative difference seen over all compared steps. */
  largest: number;
  /** The first parameter beyond the tolerance, when there is one. */
  first?: Difference;
  /** A message when the learner's step threw. */
  error?: string;
  /** The verdict line. */
  line: string;
}

let cachedData: HousePrices | null = null;

export function checkOptimizer(learner: Optimizer, reference: Optimizer, options: CheckOptions = {}): CheckResult {
  const steps = options.steps ?? 20;
  const batchSize = options.batchSize ?? 32;
  const tolerance = options.tolerance ?? 1e-12;
  const name = options.name ?? "your optimizer";
  const data = options.data ?? (cachedData ??= loadHousePrices());
  const build = options.network ?? createNetwork;
  const mine = build();
  const theirs = build();
  const rows = data.train.x.rows;
  let largest = 0;
  let result: Omit<CheckResult, "line"> | null = null;
  const batches = Math.ceil(rows / batchSize);
  for (let step = 1; step <= steps && !result; step++) {
    const start = ((step - 1) % batches) * batchSize; // the training loop's batches, epoch after epoch
    const x = data.train.x.sliceRows(start, Math.min(start + batchSize, rows));
    const y = data.train.y.sliceRows(start, Math.min(start + batchSize, rows));
    try {
      learner.step(layerParameters(mine, gradients(mine, x, y), batchSize));
    } catch (e) {
      result = { ok: false, steps: step, largest, error: `step ${step} threw: ${(e as Error).message}` };
      break;
    }
    reference.step(layerParameters(theirs, gradients(theirs, x, y), batchSize));
    const first = compare(mine, theirs, step, tolerance, (d) => (largest = Math.max(largest, d)));
    if (first) result = { ok: false, steps: step, largest, first };
  }
  result ??= { ok: true, steps, largest };
  const line = verdict(name, result, tolerance, options.prefix ?? "exercise");
  if (options.print ?? true) console.log(line);
  return { ...result, line };
}

/** Forward, error and backward for one batch. */
function gradients(layers: Dense[], x: Matrix, y: Matrix): ParamGrads[] {
  const predictions = forward(x, layers);
  return backward(errorInto(predictions, y, predictions.clone()), layers);
}

function compare(mine: Dense[], theirs: Dense[], step: number, tolerance: number, seen: (d: number) => void): Difference | undefined {
  for (let layer = 0; layer < theirs.length; layer++) {
    for (const array of ["weights", "bias"] as const) {
      const a = mine[layer]![array].data;
      const b = theirs[layer]![array].data;
      for (let index = 0; index < b.length; index++) {
        const learner = a[index]!;
        const reference = b[index]!;
        const d = Math.abs(learner - reference) / Math.max(Math.abs(reference), 1e-300);
        if (!(d <= tolerance)) return { step, layer, array, index, learner, reference };
        seen(d);
      }
    }
  }
  return undefined;
}

function verdict(name: string, r: Omit<CheckResult, "line">, tolerance: number, prefix: string): string {
  const line = (text: string, holds: boolean, values?: ClaimValues) =>
    prefix === "exercise" ? exerciseLine(text, holds, values) : [prefix, claimLine(text, holds, values)].filter((s) => s).join(" ");
  if (r.ok) return line(`${name} matches the reference for ${r.steps} steps`, true, { "largest relative difference": r.largest });
  if (r.error) return line(`${name}: ${r.error}`, false);
  const f = r.first!;
  return line(
    `${name} first differs from the reference at step ${f.step}, layer ${f.layer} ${f.array}[${f.index}]`,
    false,
    { yours: f.learner.toPrecision(12), reference: f.reference.toPrecision(12), tolerance },
  );
}
