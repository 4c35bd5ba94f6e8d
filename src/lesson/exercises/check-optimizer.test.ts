import { test } from "node:test";
import assert from "node:assert/strict";
import type { Dense, ParamGrads } from "../nn/dense";
import { SGDMomentum } from "../optim/momentum";
import { checkOptimizer } from "./check-optimizer";
import { NesterovMomentum, RMSProp } from "./reference-optimizers";

/** A learner's Nesterov momentum, written the way chapter 7's class is, with one optional slip. */
class LearnerNesterov {
  velocities: { weights: Float64Array; bias: Float64Array }[] = [];
  constructor(public lr: number, public mu: number, public slip: "none" | "plain-momentum" | "bias-not-averaged" = "none") {}
  step(grads: readonly ParamGrads[], layers: readonly Dense[], batchSize: number) {
    layers.forEach((layer, i) => {
      const v = (this.velocities[i] ??= { weights: new Float64Array(layer.weights.data.length), bias: new Float64Array(layer.bias.data.length) });
      for (const part of ["weights", "bias"] as const) {
        const scale = part === "weights" || this.slip === "bias-not-averaged" ? batchSize : 1;
        layer[part].data.forEach((_, k) => {
          const g = grads[i]![part].data[k]! / scale;
          v[part][k] = this.mu * v[part][k]! - this.lr * g;
          layer[part].data[k]! += this.slip === "plain-momentum" ? v[part][k]! : this.mu * v[part][k]! - this.lr * g;
        });
      }
    });
  }
}

const quiet = { print: false, steps: 5 };

test("a correct implementation matches the reference at every step", () => {
  const result = checkOptimizer(new LearnerNesterov(1e-4, 0.9), new NesterovMomentum({ lr: 1e-4, momentum: 0.9 }), quiet);
  assert.equal(result.ok, true);
  assert.equal(result.steps, 5);
  assert.match(result.line, /^exercise \u2713 your optimizer matches the reference for 5 steps/);
});

test("a slip is named by its step, layer, array and index", () => {
  const plain = checkOptimizer(new LearnerNesterov(1e-4, 0.9, "plain-momentum"), new NesterovMomentum({ lr: 1e-4, momentum: 0.9 }), quiet);
  assert.equal(plain.ok, false);
  assert.deepEqual([plain.first!.step, plain.first!.layer, plain.first!.array, plain.first!.index], [1, 0, "weights", 0]);
  const bias = checkOptimizer(new LearnerNesterov(1e-4, 0.9, "bias-not-averaged"), new NesterovMomentum({ lr: 1e-4, momentum: 0.9 }), quiet);
  assert.deepEqual([bias.first!.step, bias.first!.layer, bias.first!.array], [1, 0, "bias"]);
  assert.match(bias.line, /^exercise \u2717 your optimizer first differs from the reference at step 1, layer 0 bias\[0\] \(yours /);
});

test("plain momentum is Nesterov's reference only at momentum 0; the library's momentum matches a plain-momentum learner", () => {
  assert.equal(checkOptimizer(new SGDMomentum({ lr: 1e-4, momentum: 0.9 }), new LearnerNesterov(1e-4, 0.9, "plain-momentum"), quiet).ok, true);
  assert.equal(checkOptimizer(new SGDMomentum({ lr: 1e-4, momentum: 0 }), new NesterovMomentum({ lr: 1e-4, momentum: 0 }), quiet).ok, true);
});

test("a learner whose step throws is reported, not thrown", () => {
  const broken = { step() { throw new Error("v is undefined"); } };
  const result = checkOptimizer(broken, new RMSProp({ lr: 1e-3 }), quiet);
  assert.equal(result.ok, false);
  assert.match(result.line, /step 1 threw: v is undefined/);
});

test("RMSProp's first step moves each weight by about lr / sqrt(1 - rho)", () => {
  // s1 = (1 - rho) g^2, so the step is lr g / (sqrt(1 - rho) |g| + eps) ~ lr / sqrt(0.1) per parameter.
  const rms = new RMSProp({ lr: 1e-3, rho: 0.9 });
  const probe = { step(g: readonly ParamGrads[], l: readonly Dense[], b: number) { const before = l[2]!.bias.data[0]!; rms.step(g, l, b); moved = l[2]!.bias.data[0]! - before; } };
  let moved = 0;
  checkOptimizer(probe, new RMSProp({ lr: 1e-3, rho: 0.9 }), { print: false, steps: 1 });
  assert.ok(Math.abs(Math.abs(moved) - 1e-3 / Math.sqrt(0.1)) < 1e-9, `moved ${moved}`);
});

test("with an empty prefix the verdict is a claim line; steps run over epochs like the training loop", () => {
  const result = checkOptimizer(new SGDMomentum({ lr: 1e-4, momentum: 0.9 }), new LearnerNesterov(1e-4, 0.9, "plain-momentum"), { print: false, steps: 40, batchSize: 32, prefix: "", name: "our momentum" });
  assert.match(result.line, /^\u2713 our momentum matches the reference for 40 steps/);
});
