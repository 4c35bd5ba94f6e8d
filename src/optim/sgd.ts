import type { Dense, ParamGrads } from "../nn/dense";
import { sgdKernel } from "../math/wasm/optimizer-kernels";
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
    sgdUpdate(layer.weights.data, grads.weights.data, lr, batchSize);
    sgdUpdate(layer.bias.data, grads.bias.data, lr, 1); // the bias gradient is already a mean
  }
}

/** p <- p - lr * g, with g = grad / scale. Runs in wasm when the arrays live there (same arithmetic). */
function sgdUpdate(p: Float64Array, grad: Float64Array, lr: number, scale: number): void {
  if (sgdKernel(p, grad, lr, scale)) return;
  for (let i = 0; i < p.length; i++) p[i]! += -lr * (grad[i]! / scale);
}
