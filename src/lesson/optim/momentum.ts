import type { Dense, ParamGrads } from "../nn/dense";
import { allocateFloat64 } from "../../engine/memory";
import { kernels } from "../../engine/instance";
import { checkRange, type LearningRate, Optimizer } from "./optimizer";
import { parameterTable } from "../../engine/parameter-table";

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
    const v = this.velocitiesOf(index, layer);
    momentumUpdate(layer.weights.data, grads.weights.data, v.weights, lr, batchSize, this.momentum);
    momentumUpdate(layer.bias.data, grads.bias.data, v.bias, lr, 1, this.momentum); // bias gradient: already a mean
  }

  protected override networkUpdate(layers: readonly Dense[]): ((lr: number, batchSize: number) => void) | null {
    if (this.constructor !== SGDMomentum) return null;
    const params = parameterTable(layers, (i, part) => [this.velocitiesOf(i, layers[i]!)[part]]);
    if (!params) return null;
    const { table, count } = params;
    return (lr, batchSize) => kernels.momentumNetwork(table.byteOffset, count, lr, batchSize, this.momentum);
  }

  private velocitiesOf(index: number, layer: Dense): { weights: Float64Array; bias: Float64Array } {
    return (this.velocities[index] ??= {
      weights: allocateFloat64(layer.weights.data.length),
      bias: allocateFloat64(layer.bias.data.length),
    });
  }
}

/** v <- mu v - lr g; p <- p + v, with g = grad / scale. (The whole-network kernel does the same, in wasm.) */
function momentumUpdate(p: Float64Array, grad: Float64Array, v: Float64Array, lr: number, scale: number, mu: number): void {
  for (let i = 0; i < p.length; i++) {
    v[i] = v[i]! * mu - lr * (grad[i]! / scale);
    p[i]! += v[i]!;
  }
}
