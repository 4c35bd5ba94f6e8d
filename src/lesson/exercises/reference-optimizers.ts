/**
 * Reference answers for the optimizer exercises, written plainly, one loop per rule, on the
 * optimizer interface every lesson optimizer has: `step(params)`, each parameter's gradient a
 * batch mean. `checkOptimizer` compares a learner's class with these step by step.
 */
import { Matrix } from "../math/matrix";
import type { Optimizer, Parameter } from "../optim/optimizer";

/**
 * Nesterov momentum in the form PyTorch uses: v <- mu v - lr g, then p <- p + mu v - lr g.
 * The step looks ahead along the new velocity instead of taking it whole.
 */
export class NesterovMomentum implements Optimizer {
  readonly name = "NesterovMomentum";
  readonly lr: number;
  readonly momentum: number;
  stepCount = 0;
  private readonly velocities: Matrix[] = [];

  constructor(options: { lr: number; momentum?: number }) {
    this.lr = options.lr;
    this.momentum = options.momentum ?? 0.9;
  }

  step(params: readonly Parameter[]): void {
    this.stepCount += 1;
    params.forEach(({ value, grad }, i) => {
      const v = (this.velocities[i] ??= Matrix.zeros(value.rows, value.cols)).data;
      const [p, g] = [value.data, grad.data];
      for (let k = 0; k < p.length; k++) {
        v[k] = this.momentum * v[k]! - this.lr * g[k]!;
        p[k]! += this.momentum * v[k]! - this.lr * g[k]!;
      }
    });
  }
}

/**
 * RMSProp (Hinton's lecture 6e): s <- rho s + (1 - rho) g^2, then p <- p - lr g / (sqrt(s) + eps).
 * Each parameter's step is divided by the root of its recent squared gradients: Adam without
 * the first moment and without bias correction.
 */
export class RMSProp implements Optimizer {
  readonly name = "RMSProp";
  readonly lr: number;
  readonly rho: number;
  readonly eps: number;
  stepCount = 0;
  private readonly squares: Matrix[] = [];

  constructor(options: { lr: number; rho?: number; eps?: number }) {
    this.lr = options.lr;
    this.rho = options.rho ?? 0.9;
    this.eps = options.eps ?? 1e-8;
  }

  step(params: readonly Parameter[]): void {
    this.stepCount += 1;
    params.forEach(({ value, grad }, i) => {
      const s = (this.squares[i] ??= Matrix.zeros(value.rows, value.cols)).data;
      const [p, g] = [value.data, grad.data];
      for (let k = 0; k < p.length; k++) {
        s[k] = this.rho * s[k]! + (1 - this.rho) * g[k]! * g[k]!;
        p[k]! -= (this.lr * g[k]!) / (Math.sqrt(s[k]!) + this.eps);
      }
    });
  }
}
