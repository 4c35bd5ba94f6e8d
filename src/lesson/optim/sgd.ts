import type { Dense, ParamGrads } from "../nn/dense";
import { kernels } from "../../engine/instance";
import { type LearningRate, Optimizer } from "./optimizer";
import { parameterTable } from "../../engine/parameter-table";

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

  protected override networkUpdate(layers: readonly Dense[]): ((lr: number, batchSize: number) => void) | null {
    const params = this.constructor === SGD ? parameterTable(layers, () => []) : null;
    if (!params) return null;
    const { table, count } = params;
    return (lr, batchSize) => kernels.sgdNetwork(table.byteOffset, count, lr, batchSize);
  }
}

/** p <- p - lr * g, with g = grad / scale. (The whole-network kernel does the same, in wasm.) */
function sgdUpdate(p: Float64Array, grad: Float64Array, lr: number, scale: number): void {
  for (let i = 0; i < p.length; i++) p[i]! += -lr * (grad[i]! / scale);
}
