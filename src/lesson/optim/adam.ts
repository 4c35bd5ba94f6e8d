import type { Dense, ParamGrads } from "../nn/dense";
import { allocateFloat64 } from "../../engine/memory";
import { kernels } from "../../engine/instance";
import { checkRange, type LearningRate, Optimizer } from "./optimizer";
import { parameterTable } from "../../engine/parameter-table";

export interface AdamOptions {
  lr: LearningRate;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** First and second moment estimates for one parameter array. */
interface Moments {
  m: Float64Array;
  v: Float64Array;
}

/**
 * Adam (Kingma & Ba, 2015): running means of the gradient (m) and of its square (v),
 * corrected for starting at zero, give each parameter its own step size:
 *   m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
 *   p <- p - lr * m_hat / (sqrt(v_hat) + eps),  m_hat = m / (1 - b1^t),  v_hat = v / (1 - b2^t)
 */
export class Adam extends Optimizer {
  readonly name: string = "Adam";
  readonly statePerParameter = 2;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  /** Per layer: moments for weights and bias, created on the first step. */
  readonly moments: { weights: Moments; bias: Moments }[] = [];

  constructor(options: AdamOptions) {
    super(options.lr);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    checkRange(this.constructor.name, "beta1", this.beta1, 0, 1);
    checkRange(this.constructor.name, "beta2", this.beta2, 0, 1);
    if (!(this.eps > 0)) throw new RangeError(`${this.constructor.name}: eps must be > 0, got ${this.eps}`);
  }

  protected updateLayer(index: number, layer: Dense, grads: ParamGrads, lr: number, batchSize: number): void {
    const state = this.momentsOf(index, layer);
    this.adamStep(layer.weights.data, grads.weights.data, state.weights, lr, batchSize);
    this.adamStep(layer.bias.data, grads.bias.data, state.bias, lr, 1);
  }

  protected override networkUpdate(layers: readonly Dense[]): ((lr: number, batchSize: number) => void) | null {
    return this.constructor === Adam ? this.adamNetworkUpdate(layers, null) : null;
  }

  /** All layers' Adam updates in one call; with a weightDecay, AdamW's decay of the weights first. */
  protected adamNetworkUpdate(layers: readonly Dense[], weightDecay: number | null): ((lr: number, batchSize: number) => void) | null {
    const params = parameterTable(layers, (i, part) => {
      const { m, v } = this.momentsOf(i, layers[i]!)[part];
      return [m, v];
    });
    if (!params) return null;
    const { table, count } = params;
    const { beta1, beta2, eps } = this;
    return (lr, batchSize) => kernels.adamNetwork(
      table.byteOffset, count, lr, batchSize, beta1, beta2, 1 - beta1 ** this.stepCount, 1 - beta2 ** this.stepCount, eps,
      weightDecay === null ? 0 : 1, weightDecay === null ? 0 : -lr * weightDecay,
    );
  }

  private momentsOf(index: number, layer: Dense): { weights: Moments; bias: Moments } {
    return (this.moments[index] ??= {
      weights: zeroMoments(layer.weights.data.length),
      bias: zeroMoments(layer.bias.data.length),
    });
  }

  /** One Adam update of `p` in place; `g / scale` is the gradient. */
  protected adamStep(p: Float64Array, g: Float64Array, { m, v }: Moments, lr: number, scale: number): void {
    const { beta1, beta2, eps } = this;
    const correction1 = 1 - beta1 ** this.stepCount;
    const correction2 = 1 - beta2 ** this.stepCount;
    // The whole-network kernel (networkStep) does this arithmetic in the same order, in wasm.
    for (let i = 0; i < p.length; i++) {
      const grad = g[i]! / scale;
      m[i] = m[i]! * beta1 + (1 - beta1) * grad;
      v[i] = v[i]! * beta2 + (1 - beta2) * (grad * grad);
      const mHat = m[i]! / correction1;
      const vHat = v[i]! / correction2;
      p[i]! += (-lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  }
}

function zeroMoments(length: number): Moments {
  return { m: allocateFloat64(length), v: allocateFloat64(length) };
}
