import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../math/matrix";
import { Dense } from "../nn/dense";
import { gradientNoise, meanGradient, pickRows } from "./gradient-noise";

// A linear model y = w x + b on 8 rows: each row's gradient is easy to write down.
function setup() {
  const layer = new Dense(1, 1, { activation: false });
  layer.weights.data.set([0.5]);
  layer.bias.data.set([0]);
  const xs = [1, 2, 3, 4, 5, 6, 7, 8];
  const data = { x: Matrix.fromRows(xs.map((v) => [v])), y: Matrix.fromRows(xs.map((v) => [v % 3])) };
  return { layers: [layer], data };
}

test("meanGradient: the weight gradient averaged over the rows, then the bias gradient", () => {
  const { layers, data } = setup();
  // error_i = 0.5 x_i - y_i; d/dw = mean(error_i x_i), d/db = mean(error_i)
  const errors = [1, 2, 3, 4, 5, 6, 7, 8].map((v) => 0.5 * v - (v % 3));
  const g = meanGradient(layers, data);
  assert.ok(Math.abs(g[0]! - errors.reduce((s, e, i) => s + e * (i + 1), 0) / 8) < 1e-12);
  assert.ok(Math.abs(g[1]! - errors.reduce((s, e) => s + e, 0) / 8) < 1e-12);
});

test("pickRows takes rows by index, in the order given", () => {
  const { data } = setup();
  assert.deepEqual(Array.from(pickRows(data, [3, 0]).x.data), [4, 1]);
});

test("gradientNoise: random batches follow (sigma^2 / B) (N - B) / (N - 1); the full batch has none", () => {
  const { layers, data } = setup();
  const noise = gradientNoise(layers, data, [1, 2, 4, 8], { draws: 4000, seed: 1 });
  assert.equal(noise.rows, 8);
  for (const s of noise.bySize.slice(0, 3)) {
    assert.ok(Math.abs(s.randomBatches / s.predicted - 1) < 0.1, `batch ${s.batchSize}: ${s.randomBatches} vs ${s.predicted}`);
  }
  assert.ok(Math.abs(noise.bySize[0]!.consecutiveBatches - noise.perRowVariance) < 1e-12); // batch 1: every row once
  assert.equal(noise.bySize[3]!.predicted, 0);
  assert.ok(noise.bySize[3]!.randomBatches < 1e-20 && noise.bySize[3]!.consecutiveBatches < 1e-20);
  assert.throws(() => gradientNoise(layers, data, [9]), /from 1 to 8/);
});
