/**
 * Reference answers for the optimizer exercises, written plainly, one loop per rule, on the
 * same base as the library's optimizers (step counter, schedule, shape checks), each
 * parameter's gradient a batch mean. `checkOptimizer` compares a learner's class with these step by step.
 */
import { Matrix } from "../math/matrix";
import { checkRange, type LearningRate, OptimizerBase, type Parameter } from "../optim/optimizer";

/**
 * Nesterov momentum in the form PyTorch uses: v <- mu v - lr g, then p <- p + mu v - lr g.
 * The step looks ahead along the new velocity instead of taking it whole.
 */
export class NesterovMomentum extends OptimizerBase {
  readonly name = "NesterovMomentum";
  readonly statePerParameter = 1;
  readonly momentum: number;
  private readonly velocities: Matrix[] = [];

  constructor(options: { lr: LearningRate; momentum?: number }) {
    super(options.lr);
    this.momentum = options.momentum ?? 0.9;
    checkRange("NesterovMomentum", "momentum", this.momentum, 0, 1);
  }

  protected update(index: number, { value, grad }: Parameter, lr: number): void {
    const v = (this.velocities[index] ??= Matrix.zeros(value.rows, value.cols)).data;
    const [p, g, mu] = [value.data, grad.data, this.momentum];
    for (let k = 0; k < p.length; k++) {
      v[k] = mu * v[k]! - lr * g[k]!;
      p[k]! += mu * v[k]! - lr * g[k]!;
    }
  }
}

/**
 * RMSProp (Hinton's lecture 6e): s <- rho s + (1 - rho) g^2, then p <- p - lr g / (sqrt(s) + eps).
 * Each parameter's step is divided by the root of its recent squared gradients: Adam without
 * the first moment and without bias correction.
 */
export class RMSProp extends OptimizerBase {
  readonly name = "RMSProp";
  readonly statePerParameter = 1;
  readonly rho: number;
  readonly eps: number;
  private readonly squares: Matrix[] = [];

  constructor(options: { lr: LearningRate; rho?: number; eps?: number }) {
    super(options.lr);
    this.rho = options.rho ?? 0.9;
    this.eps = options.eps ?? 1e-8;
    checkRange("RMSProp", "rho", this.rho, 0, 1);
    checkRange("RMSProp", "eps", this.eps, 0, Infinity);
  }

  protected update(index: number, { value, grad }: Parameter, lr: number): void {
    const s = (this.squares[index] ??= Matrix.zeros(value.rows, value.cols)).data;
    const [p, g, rho] = [value.data, grad.data, this.rho];
    for (let k = 0; k < p.length; k++) {
      s[k] = rho * s[k]! + (1 - rho) * g[k]! * g[k]!;
      p[k]! -= (lr * g[k]!) / (Math.sqrt(s[k]!) + this.eps);
    }
  }
}
