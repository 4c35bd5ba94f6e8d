import { test } from "node:test";
import assert from "node:assert/strict";
import { NumpyRandom } from "../lesson/math/random";
import { Dense } from "../lesson/nn/dense";
import { Adam } from "../lesson/optim/adam";
import { AdamW } from "../lesson/optim/adamw";
import { SGDMomentum } from "../lesson/optim/momentum";
import type { Optimizer } from "../lesson/optim/optimizer";
import { SGD } from "../lesson/optim/sgd";

/**
 * networkStep updates every layer in one wasm call (the training loop's fast path); it must
 * give the bits of step, which updates layer by layer.
 */
function network(): Dense[] {
  const layers = [new Dense(3, 5, { seed: 1 }), new Dense(5, 1, { seed: 2 })];
  const rng = new NumpyRandom(11);
  for (const l of layers) for (const g of [l.grads.weights, l.grads.bias]) rng.randomArray(g.data.length).forEach((v, i) => (g.data[i] = (v - 0.5) * 10));
  return layers;
}

const parameters = (layers: Dense[]) => layers.flatMap((l) => [...l.weights.data, ...l.bias.data]);

const optimizers: [string, () => Optimizer][] = [
  ["SGD", () => new SGD({ lr: (t) => 0.03 / t })],
  ["momentum", () => new SGDMomentum({ lr: 0.03, momentum: 0.7 })],
  ["Adam", () => new Adam({ lr: 0.03, beta1: 0.8, beta2: 0.95 })],
  ["AdamW", () => new AdamW({ lr: 0.03, weightDecay: 0.2 })],
];

for (const [name, make] of optimizers) {
  test(`${name}: networkStep gives the bits of step`, () => {
    const byLayer = network();
    const stepped = make();
    for (let i = 0; i < 3; i++) stepped.step(byLayer.map((l) => l.grads), byLayer, 4);

    const whole = network();
    const optimizer = make();
    const step = optimizer.networkStep(whole)!;
    for (let i = 0; i < 3; i++) step(4);
    assert.equal(optimizer.stepCount, 3);
    assert.deepEqual(parameters(whole), parameters(byLayer));
    assert.notDeepEqual(parameters(whole), parameters(network()), "the parameters moved");
  });
}

test("a subclass, which may change the update rule, gets no whole-network step", () => {
  class HalfSGD extends SGD {}
  assert.equal(new HalfSGD({ lr: 1 }).networkStep(network()), null);
  class NoisyAdam extends Adam {}
  assert.equal(new NoisyAdam({ lr: 1 }).networkStep(network()), null);
});
