import { type LearningRate, OptimizerBase, type Parameter } from "./optimizer";

/** Plain stochastic gradient descent: p <- p - lr * g. */
export class SGD extends OptimizerBase {
  readonly name = "SGD";
  readonly statePerParameter = 0;

  constructor(options: { lr: LearningRate }) {
    super(options.lr);
  }

  protected update(_index: number, { value, grad }: Parameter, lr: number): void {
    const [p, g] = [value.data, grad.data];
    for (let i = 0; i < p.length; i++) p[i]! += -lr * g[i]!;
  }
}
