import { ShapeError } from "../math/shape-error";
import type { Dense, ParamGrads } from "../nn/dense";
import { constantSchedule, type Schedule } from "./schedule";

/** A fixed learning rate, or a schedule giving the rate at each step. */
export type LearningRate = number | Schedule;

/**
 * What every optimizer shares: the step counter and the learning rate at that step.
 * Subclasses add only their own state (velocities, moment estimates), created the first time
 * they see a layer, and say how one layer's parameters move.
 */
export abstract class Optimizer {
  /** How many updates have been applied (the 1-based step of the last one). */
  stepCount = 0;
  readonly schedule: Schedule;

  constructor(lr: LearningRate) {
    this.schedule = typeof lr === "number" ? constantSchedule(lr) : lr;
  }

  /** The learning rate of the most recent step (of step 1 before any). */
  get lr(): number {
    return this.schedule(Math.max(1, this.stepCount));
  }

  /**
   * Apply one update. grads[i] are layers[i]'s gradients from `backward`; the weight
   * gradients are sums over the batch, so they are divided by `batchSize` here.
   */
  step(grads: readonly ParamGrads[], layers: readonly Dense[], batchSize: number): void {
    if (grads.length !== layers.length) {
      throw new RangeError(`${this.name}.step: ${grads.length} gradient sets for ${layers.length} layers`);
    }
    grads.forEach((g, i) => {
      for (const part of ["weights", "bias"] as const) {
        const [want, got] = [layers[i]![part], g[part]];
        if (got.rows !== want.rows || got.cols !== want.cols) throw ShapeError.pair(`${this.name}.step: layer ${i} ${part} gradient vs ${part}`, got, want);
      }
    });
    this.stepCount += 1;
    const lr = this.schedule(this.stepCount);
    for (let i = 0; i < layers.length; i++) this.updateLayer(i, layers[i]!, grads[i]!, lr, batchSize);
  }

  /**
   * `step` for these layers as a single wasm call (the training loop's fast path, with the
   * gradients in the layers' own `grads`), or null when this optimizer has no such kernel.
   */
  networkStep(layers: readonly Dense[]): ((batchSize: number) => void) | null {
    const update = this.networkUpdate(layers);
    if (!update) return null;
    return (batchSize) => {
      this.stepCount += 1;
      update(this.schedule(this.stepCount), batchSize);
    };
  }

  /**
   * Overridden by optimizers with a whole-network kernel: updateLayer's arithmetic for every
   * layer in one call. Each checks its exact class, since a subclass may change the rule.
   */
  protected networkUpdate(_layers: readonly Dense[]): ((lr: number, batchSize: number) => void) | null {
    return null;
  }

  /** Extra numbers this optimizer keeps per parameter (0 for SGD, 1 for momentum, 2 for Adam). */
  abstract readonly statePerParameter: number;

  abstract readonly name: string;

  protected abstract updateLayer(index: number, layer: Dense, grads: ParamGrads, lr: number, batchSize: number): void;

  toString(): string {
    return `${this.name}(lr=${this.lr})`;
  }
}

/** Check a hyperparameter, naming it and its value when it is out of range. */
export function checkRange(owner: string, name: string, value: number, low: number, highExclusive: number): void {
  if (!(value >= low && value < highExclusive)) {
    throw new RangeError(`${owner}: ${name} must be in [${low}, ${highExclusive}), got ${value}`);
  }
}
