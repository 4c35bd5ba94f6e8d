import type { Matrix } from "../math/matrix";
import { constantSchedule, type Schedule } from "./schedule";

/** One array of trainable numbers, as an optimizer sees it. */
export interface Parameter {
  /** The numbers being trained; the optimizer changes them in place. */
  readonly value: Matrix;
  /** d loss / d value, as a mean over the batch. */
  readonly grad: Matrix;
  /** Whether weight decay applies: true for weights, false for biases. */
  readonly decay: boolean;
}

/**
 * What the training loop needs from an optimizer: move every parameter one step against its
 * gradient. It knows nothing of layers, so a notebook's own class fits as long as it has `step`.
 */
export interface Optimizer {
  step(params: readonly Parameter[]): void;
}

/** A fixed learning rate, or a schedule giving the rate at each step. */
export type LearningRate = number | Schedule;

/**
 * What the library's optimizers share: the step counter and the learning rate at that step.
 * Subclasses add only their own state (velocities, moment estimates), created the first time
 * they see a parameter, and say how one parameter moves.
 */
export abstract class OptimizerBase implements Optimizer {
  /** How many updates have been applied (the 1-based step of the last one). */
  stepCount = 0;
  readonly schedule: Schedule;
  abstract readonly name: string;
  /** Extra numbers this optimizer keeps per parameter (0 for SGD, 1 for momentum, 2 for Adam). */
  abstract readonly statePerParameter: number;

  constructor(lr: LearningRate) {
    this.schedule = typeof lr === "number" ? constantSchedule(lr) : lr;
  }

  /** The learning rate of the most recent step (of step 1 before any). */
  get lr(): number {
    return this.schedule(Math.max(1, this.stepCount));
  }

  step(params: readonly Parameter[]): void {
    params.forEach(({ value, grad }, i) => {
      if (grad.rows !== value.rows || grad.cols !== value.cols) {
        throw new RangeError(`${this.name}.step: parameter ${i} has shape (${value.rows}, ${value.cols}) but its gradient (${grad.rows}, ${grad.cols})`);
      }
    });
    const lr = this.nextLearningRate();
    params.forEach((param, i) => this.update(i, param, lr));
  }

  /** Count one more step and return its learning rate (the engine's fused updates call this too). */
  nextLearningRate(): number {
    this.stepCount += 1;
    return this.schedule(this.stepCount);
  }

  /** Move parameter number `index` one step at learning rate `lr`. */
  protected abstract update(index: number, param: Parameter, lr: number): void;

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
