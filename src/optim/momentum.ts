import type { Dense, ParamGrads } from "../nn/dense";
import { checkRange, type LearningRate, Optimizer } from "./optimizer";

/**
 * SGD with momentum: a velocity remembers past steps, v <- momentum * v - lr * g, and the
 * parameters move by it, p <- p + v.
 */
export class SGDMomentum extends Optimizer {
  readonly name = "SGDMomentum";
  readonly statePerParameter = 1;
  readonly momentum: number;
  /** Per layer: velocities for weights and bias, created on the first step. */
  readonly velocities: { weights: Float64Array; bias: Float64Array }[] = [];

  constructor(options: { lr: LearningRate; momentum?: number }) {
    super(options.lr);
    this.momentum = options.momentum ?? 0.9;
    checkRange("SGDMomentum", "momentum", this.momentum, 0, 1);
  }

  protected updateLayer(index: number, layer: Dense, grads: ParamGrads, lr: number, batchSize: number): void {
    const v = (this.velocities[index] ??= {
      weights: new Float64Array(layer.weights.data.length),
      bias: new Float64Array(layer.bias.data.length),
    });
    const mu = this.momentum;
    const w = layer.weights.data;
    const gw = grads.weights.data;
    for (let i = 0; i < w.length; i++) {
      v.weights[i] = v.weights[i]! * mu - lr * (gw[i]! / batchSize);
      w[i]! += v.weights[i]!;
    }
    const b = layer.bias.data;
    const gb = grads.bias.data;
    for (let i = 0; i < b.length; i++) {
      v.bias[i] = v.bias[i]! * mu - lr * gb[i]!;
      b[i]! += v.bias[i]!;
    }
  }
}
