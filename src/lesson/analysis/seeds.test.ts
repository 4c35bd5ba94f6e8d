import { test } from "node:test";
import assert from "node:assert/strict";
import { loadHousePrices } from "../data/house-prices";
import { pow } from "../math/pow";
import { createNetwork } from "../nn/network";
import { runConfig } from "../train/config";
import { compareOverSeeds, describeComparison, formatSpread, overSeeds, t95 } from "./seeds";

test("overSeeds measures each seed once, from 0, with the sample spread", () => {
  const seen: number[] = [];
  const s = overSeeds(4, (seed) => (seen.push(seed), [2, 4, 4, 6][seed]!));
  assert.deepEqual(seen, [0, 1, 2, 3]);
  assert.equal(s.mean, 4);
  assert.equal(s.std, Math.sqrt(8 / 3));
  assert.deepEqual([s.min, s.max], [2, 6]);
  assert.equal(formatSpread(s, 2), "4.00 ± 1.63 (4 seeds, 2.00 to 6.00)");
});

test("overSeeds refuses one seed, repeated seeds and a non-finite measurement, naming the seed", () => {
  assert.throws(() => overSeeds(1, () => 1), /at least 2 seeds/);
  assert.throws(() => overSeeds([3, 3], () => 1), /seeds repeat: 3, 3/);
  assert.throws(() => overSeeds(3, (seed) => (seed === 2 ? NaN : 1)), /seed 2 measured NaN/);
});

/** P(|T| < x) for Student's t with `df` degrees of freedom, by Simpson's rule on its density. */
function tProbabilityWithin(x: number, df: number): number {
  const halfGamma = (k: number): number => (k === 1 ? Math.sqrt(Math.PI) : k === 2 ? 1 : ((k - 2) / 2) * halfGamma(k - 2)); // Γ(k/2)
  const c = halfGamma(df + 1) / (Math.sqrt(df * Math.PI) * halfGamma(df));
  const density = (t: number) => c * pow(1 + (t * t) / df, -(df + 1) / 2);
  const n = 20000;
  const h = x / n;
  let sum = density(0) + density(x);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * density(i * h);
  return (2 * h * sum) / 3;
}

test("t95 is Student's two-sided 95% quantile", () => {
  for (const df of [1, 2, 4, 9, 30]) assert.ok(Math.abs(tProbabilityWithin(t95(df), df) - 0.95) < 2e-4, `df ${df}`);
});

test("a consistent gap wins; a gap the seeds disagree on does not", () => {
  const base = overSeeds(5, (seed) => 6 + 0.1 * seed);
  const better = overSeeds(5, (seed) => 6 + 0.1 * seed - 0.05 + 0.001 * (seed % 2));
  const c = compareOverSeeds(better, base);
  assert.equal(c.lower, "a");
  assert.equal(c.aLowerOn, 5);
  assert.match(describeComparison("momentum", "SGD", c), /^momentum is lower than SGD by 0\.050 ± 0\.00\d \(95%\), on 5 of 5 seeds$/);
  assert.equal(compareOverSeeds(base, better).lower, "b");

  const mixed = overSeeds(5, (seed) => 6 + 0.1 * seed + [0.2, -0.2, 0.1, -0.15, 0.02][seed]!);
  const m = compareOverSeeds(mixed, base);
  assert.equal(m.lower, "neither");
  assert.match(describeComparison("a", "b", m), /^no clear winner between a and b: .* includes 0; a was lower on 2 of 5 seeds$/);
  assert.throws(() => compareOverSeeds(overSeeds([1, 2], () => 1), overSeeds([2, 3], () => 1)), /same seeds/);
});

test("seed 0 is the lesson's network and run; another seed starts elsewhere", () => {
  const lesson = createNetwork();
  assert.deepEqual(createNetwork(0).map((l) => l.weights.data), lesson.map((l) => l.weights.data));
  assert.notDeepEqual(createNetwork(1)[0]!.weights.data, lesson[0]!.weights.data);
  const data = loadHousePrices();
  const losses = (seed?: number) => runConfig({ epochs: 2 }, { data, seed }).epochs.map((e) => [e.train_loss, e.valid_loss]);
  assert.deepEqual(losses(0), losses());
  assert.notDeepEqual(losses(1), losses());
});
