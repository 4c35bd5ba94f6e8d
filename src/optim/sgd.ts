import type { Dense, ParamGrads } from "../nn/dense";
import { type LearningRate, Optimizer } from "./optimizer";

/**
 * Plain stochastic gradient descent: p <- p - lr * g, with g the batch-average gradient.
 */
export class SGD extends Optimizer {
  readonly name = "SGD";
  readonly statePerParameter = 0;

  constructor(options: { lr: LearningRate }) {
    super(options.lr);
  }

  protected updateLayer(_index: number, layer: Dense, grads: ParamGrads, lr: number, batchSize: number): void {
    const w = layer.weights.data;
    const gw = grads.weights.data;
    for (let i = 0; i < w.length; i++) w[i]! += -lr * (gw[i]! / batchSize);
    const b = layer.bias.data;
    const gb = grads.bias.data;
    for (let i = 0; i < b.length; i++) b[i]! += -lr * gb[i]!;
  }
}
