import { test } from "node:test";
import assert from "node:assert/strict";
import { SGDMomentum } from "../optim/momentum";
import type { Optimizer, Parameter } from "../optim/optimizer";
import { checkOptimizer } from "./check-optimizer";
import { NesterovMomentum, RMSProp } from "./reference-optimizers";

/** A learner's Nesterov momentum, written the way the chapters' classes are, with one optional slip. */
class LearnerNesterov implements Optimizer {
  velocities: Float64Array[] = [];
  constructor(public lr: number, public mu: number, public slip: "none" | "plain-momentum" | "bias-forgotten" = "none") {}
  step(params: readonly Parameter[]) {
    params.forEach(({ value, grad, decay }, i) => {
      if (this.slip === "bias-forgotten" && !decay) return; // the slip: biases never move
      const v = (this.velocities[i] ??= new Float64Array(value.data.length));
      value.data.forEach((_, k) => {
        const g = grad.data[k]!;
        v[k] = this.mu * v[k]! - this.lr * g;
        value.data[k]! += this.slip === "plain-momentum" ? v[k]! : this.mu * v[k]! - this.lr * g;
      });
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
  const bias = checkOptimizer(new LearnerNesterov(1e-4, 0.9, "bias-forgotten"), new NesterovMomentum({ lr: 1e-4, momentum: 0.9 }), quiet);
  assert.deepEqual([bias.first!.step, bias.first!.layer, bias.first!.array], [1, 0, "bias"]);
  assert.match(bias.line, /^exercise: waiting for your code: your optimizer first differs from the reference at step 1, layer 0 bias\[0\] \(yours /);
  assert.doesNotMatch(bias.line, /\u2717/);
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

test("RMSProp's first step moves each parameter by about lr / sqrt(1 - rho)", () => {
  // s1 = (1 - rho) g^2, so the step is lr g / (sqrt(1 - rho) |g| + eps), about lr / sqrt(0.1) per parameter.
  const rms = new RMSProp({ lr: 1e-3, rho: 0.9 });
  let moved = 0;
  const probe = { step(params: readonly Parameter[]) { const bias = params[5]!.value.data; const before = bias[0]!; rms.step(params); moved = bias[0]! - before; } };
  checkOptimizer(probe, new RMSProp({ lr: 1e-3, rho: 0.9 }), { print: false, steps: 1 });
  assert.ok(Math.abs(Math.abs(moved) - 1e-3 / Math.sqrt(0.1)) < 1e-9, `moved ${moved}`);
});

test("with an empty prefix the verdict is a claim line; steps run over epochs like the training loop", () => {
  const result = checkOptimizer(new SGDMomentum({ lr: 1e-4, momentum: 0.9 }), new LearnerNesterov(1e-4, 0.9, "plain-momentum"), { print: false, steps: 40, batchSize: 32, prefix: "", name: "our momentum" });
  assert.match(result.line, /^\u2713 our momentum matches the reference for 40 steps/);
});
