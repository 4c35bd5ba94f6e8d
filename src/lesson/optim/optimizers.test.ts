import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../math/matrix";
import { Adam } from "./adam";
import { AdamW } from "./adamw";
import { SGDMomentum } from "./momentum";
import type { OptimizerBase, Parameter } from "./optimizer";
import { SGD } from "./sgd";

/** Weights and a bias with known values and fixed batch-mean gradients. */
function setup(): Parameter[] {
  return [
    { value: Matrix.fromRows([[1, -2]]), grad: Matrix.fromRows([[2, -1]]), decay: true },
    { value: Matrix.fromRows([[0.5, 0.5]]), grad: Matrix.fromRows([[1, 3]]), decay: false },
  ];
}

function twoSteps(optimizer: OptimizerBase) {
  const params = setup();
  const values = () => ({ w: Array.from(params[0]!.value.data), b: Array.from(params[1]!.value.data) });
  optimizer.step(params);
  const first = values();
  optimizer.step(params);
  return { first, second: values() };
}

const close = (actual: number[], expected: number[]) =>
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) < 1e-12, `index ${i}: got ${actual[i]}, expected ${e}`));

test("SGD: p -= lr * g", () => {
  // lr 0.1, W grad [2, -1]: W: [1, -2] -> [0.8, -1.9] -> [0.6, -1.8]
  // bias grad [1, 3]; b: [0.5, 0.5] -> [0.4, 0.2] -> [0.3, -0.1]
  const { first, second } = twoSteps(new SGD({ lr: 0.1 }));
  close(first.w, [0.8, -1.9]); close(first.b, [0.4, 0.2]);
  close(second.w, [0.6, -1.8]); close(second.b, [0.3, -0.1]);
});

test("momentum: v = mu v - lr g; p += v", () => {
  // mu 0.5, lr 0.1. step 1: v_w = -0.1*[2,-1] = [-0.2, 0.1]; W -> [0.8, -1.9]
  // step 2: v_w = 0.5*[-0.2, 0.1] + [-0.2, 0.1] = [-0.3, 0.15]; W -> [0.5, -1.75]
  // bias: v_b = [-0.1, -0.3] then [-0.15, -0.45]; b -> [0.4, 0.2] -> [0.25, -0.25]
  const { first, second } = twoSteps(new SGDMomentum({ lr: 0.1, momentum: 0.5 }));
  close(first.w, [0.8, -1.9]); close(first.b, [0.4, 0.2]);
  close(second.w, [0.5, -1.75]); close(second.b, [0.25, -0.25]);
});

test("Adam: the first steps move each parameter by about lr, in the gradient's direction", () => {
  // With a constant gradient g, m_hat = g and v_hat = g^2 at every step (the bias correction
  // exactly undoes the zero start), so each step is lr * g / (|g| + eps) ~ lr * sign(g).
  const eps = 1e-8;
  const step = (g: number) => 0.1 * g / (Math.abs(g) + eps);
  const { first, second } = twoSteps(new Adam({ lr: 0.1, eps }));
  close(first.w, [1 - step(2), -2 - step(-1)]);
  close(first.b, [0.5 - step(1), 0.5 - step(3)]);
  close(second.w, [1 - 2 * step(2), -2 - 2 * step(-1)]);
  close(second.b, [0.5 - 2 * step(1), 0.5 - 2 * step(3)]);
});

test("Adam keeps its moments explicitly: m and v after two steps", () => {
  const adam = new Adam({ lr: 0.1, beta1: 0.9, beta2: 0.99 });
  twoSteps(adam);
  // m = 0.9*(0.1*g) + 0.1*g = 0.19*g; v = 0.99*(0.01*g^2) + 0.01*g^2 = 0.0199*g^2 with g = [2, -1]
  close(Array.from(adam.moments[0]!.m.data), [0.38, -0.19]);
  close(Array.from(adam.moments[0]!.v.data), [0.0796, 0.0199]);
});

test("AdamW: weights (not biases) shrink by lr * decay * w before the Adam step", () => {
  const eps = 1e-8;
  const step = (g: number) => 0.1 * g / (Math.abs(g) + eps);
  const { first } = twoSteps(new AdamW({ lr: 0.1, eps, weightDecay: 0.5 }));
  // W: [1, -2] * (1 - 0.1 * 0.5) = [0.95, -1.9], then the Adam step
  close(first.w, [0.95 - step(2), -1.9 - step(-1)]);
  close(first.b, [0.5 - step(1), 0.5 - step(3)]);
});

test("a schedule gives the learning rate at each 1-based step", () => {
  const seen: number[] = [];
  const sgd = new SGD({ lr: (s) => { seen.push(s); return 0.1 * s; } });
  const params = setup();
  sgd.step(params);
  sgd.step(params);
  assert.deepEqual(seen, [1, 2]);
  assert.equal(sgd.stepCount, 2);
  assert.ok(Math.abs(sgd.lr - 0.2) < 1e-15);
});

test("state memory per parameter: SGD 0, momentum 1, Adam 2", () => {
  assert.deepEqual([new SGD({ lr: 1 }), new SGDMomentum({ lr: 1 }), new Adam({ lr: 1 }), new AdamW({ lr: 1 })].map((o) => o.statePerParameter), [0, 1, 2, 2]);
});

test("hyperparameters are validated with their name and value", () => {
  assert.throws(() => new SGD({ lr: 0 }), /learning rate must be a finite number > 0, got 0/);
  assert.throws(() => new SGDMomentum({ lr: 1, momentum: 1 }), /SGDMomentum: momentum must be in \[0, 1\), got 1/);
  assert.throws(() => new Adam({ lr: 1, beta2: -0.1 }), /Adam: beta2 must be in \[0, 1\), got -0.1/);
  assert.throws(() => new AdamW({ lr: 1, beta1: 1.5 }), /AdamW: beta1 must be in \[0, 1\), got 1.5/);
  assert.throws(() => new AdamW({ lr: 1, weightDecay: -1 }), /weightDecay must be a finite number >= 0, got -1/);
});

test("a gradient of the wrong shape is refused, naming the parameter and shapes, before anything moves", () => {
  const [weights, bias] = setup();
  const before = Array.from(weights!.value.data);
  const wrong = { ...bias!, grad: Matrix.fromRows([[1, 2, 3]]) };
  const adam = new Adam({ lr: 1 });
  assert.throws(() => adam.step([weights!, wrong]), /Adam.step: parameter 1 has shape \(1, 2\) but its gradient \(1, 3\)/);
  assert.deepEqual(Array.from(weights!.value.data), before);
  assert.equal(adam.stepCount, 0);
});
