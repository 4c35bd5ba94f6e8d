import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../math/matrix";
import { NumpyRandom } from "../math/random";
import { allocateFloat64 } from "../math/wasm/memory";
import { Dense, type ParamGrads } from "../nn/dense";
import { Adam } from "./adam";
import { AdamW } from "./adamw";
import { SGDMomentum } from "./momentum";
import type { Optimizer } from "./optimizer";
import { SGD } from "./sgd";

/**
 * The optimizers run their update in wasm when parameters, gradients and state all live in
 * wasm memory, and their TypeScript loop otherwise. Both must give the same bits.
 */
function gradients(inWasm: boolean): ParamGrads[] {
  const rng = new NumpyRandom(11);
  return [[3, 5], [5, 1]].map(([rows, cols]) => {
    const make = (r: number, c: number) => {
      const data = inWasm ? allocateFloat64(r * c) : new Float64Array(r * c);
      rng.randomArray(r * c).forEach((v, i) => (data[i] = (v - 0.5) * 10));
      return new Matrix(r, c, data);
    };
    return { weights: make(rows!, cols!), bias: make(1, cols!) };
  });
}

const optimizers: [string, () => Optimizer][] = [
  ["SGD", () => new SGD({ lr: 0.03 })],
  ["momentum", () => new SGDMomentum({ lr: 0.03, momentum: 0.7 })],
  ["Adam", () => new Adam({ lr: 0.03, beta1: 0.8, beta2: 0.95 })],
  ["AdamW", () => new AdamW({ lr: 0.03, weightDecay: 0.2 })],
];

for (const [name, make] of optimizers) {
  test(`${name}: the wasm update and the TypeScript loop give identical parameters`, () => {
    const run = (inWasm: boolean) => {
      const layers = [new Dense(3, 5), new Dense(5, 1)];
      const optimizer = make();
      const grads = gradients(inWasm);
      for (let step = 0; step < 3; step++) optimizer.step(grads, layers, 4);
      return layers.flatMap((l) => [...l.weights.data, ...l.bias.data]);
    };
    const wasm = run(true);
    const typescript = run(false);
    assert.deepEqual(wasm, typescript);
    assert.notDeepEqual(wasm, [new Dense(3, 5), new Dense(5, 1)].flatMap((l) => [...l.weights.data, ...l.bias.data]), "the parameters moved");
  });
}

test("a gradient of the wrong length is refused by name, not read past its end", () => {
  const layer = new Dense(2, 2);
  const grads = [{ weights: new Matrix(1, 3, allocateFloat64(3)), bias: new Matrix(1, 2, allocateFloat64(2)) }];
  assert.throws(() => new SGD({ lr: 1 }).step(grads, [layer], 1), /optimizer update: state or gradient lengths 3,3,3 differ from 4 parameters/);
});
