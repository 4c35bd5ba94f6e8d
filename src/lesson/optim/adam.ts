import { Matrix } from "../math/matrix";
import { checkRange, type LearningRate, OptimizerBase, type Parameter } from "./optimizer";
import { pow } from "../math/pow";

export interface AdamOptions {
  lr: LearningRate;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** First and second moment estimates for one parameter. */
export interface Moments {
  m: Matrix;
  v: Matrix;
}

/**
 * Adam (Kingma & Ba, 2015): running means of the gradient (m) and of its square (v),
 * corrected for starting at zero, give each parameter its own step size:
 *   m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
 *   p <- p - lr * m_hat / (sqrt(v_hat) + eps),  m_hat = m / (1 - b1^t),  v_hat = v / (1 - b2^t)
 */
export class Adam extends OptimizerBase {
  readonly name: string = "Adam";
  readonly statePerParameter = 2;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  /** One pair of moments per parameter, created on the first step. */
  readonly moments: Moments[] = [];

  constructor(options: AdamOptions) {
    super(options.lr);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    checkRange(this.constructor.name, "beta1", this.beta1, 0, 1);
    checkRange(this.constructor.name, "beta2", this.beta2, 0, 1);
    if (!(this.eps > 0)) throw new RangeError(`${this.constructor.name}: eps must be > 0, got ${this.eps}`);
  }

  protected update(index: number, { value, grad }: Parameter, lr: number): void {
    const state = (this.moments[index] ??= { m: Matrix.zeros(value.rows, value.cols), v: Matrix.zeros(value.rows, value.cols) });
    const [p, g, m, v] = [value.data, grad.data, state.m.data, state.v.data];
    const { beta1, beta2, eps } = this;
    const correction1 = 1 - pow(beta1, this.stepCount);
    const correction2 = 1 - pow(beta2, this.stepCount);
    for (let i = 0; i < p.length; i++) {
      m[i] = m[i]! * beta1 + (1 - beta1) * g[i]!;
      v[i] = v[i]! * beta2 + (1 - beta2) * (g[i]! * g[i]!);
      const mHat = m[i]! / correction1;
      const vHat = v[i]! / correction2;
      p[i]! += (-lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  }
}
