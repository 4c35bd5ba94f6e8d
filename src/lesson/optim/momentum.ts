import { Matrix } from "../math/matrix";
import { checkRange, type LearningRate, OptimizerBase, type Parameter } from "./optimizer";

/**
 * SGD with momentum: a velocity remembers past steps, v <- momentum * v - lr * g, and the
 * parameters move by it, p <- p + v.
 */
export class SGDMomentum extends OptimizerBase {
  readonly name = "SGDMomentum";
  readonly statePerParameter = 1;
  readonly momentum: number;
  /** One velocity per parameter, created on the first step. */
  readonly velocities: Matrix[] = [];

  constructor(options: { lr: LearningRate; momentum?: number }) {
    super(options.lr);
    this.momentum = options.momentum ?? 0.9;
    checkRange("SGDMomentum", "momentum", this.momentum, 0, 1);
  }

  protected update(index: number, { value, grad }: Parameter, lr: number): void {
    const velocity = (this.velocities[index] ??= Matrix.zeros(value.rows, value.cols));
    const [p, g, v, mu] = [value.data, grad.data, velocity.data, this.momentum];
    for (let i = 0; i < p.length; i++) {
      v[i] = v[i]! * mu - lr * g[i]!;
      p[i]! += v[i]!;
    }
  }
}
