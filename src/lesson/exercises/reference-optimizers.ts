/**
 * Reference answers for the optimizer exercises: written plainly, one loop per rule, with the
 * lesson's gradient convention (the weight gradient is a sum over the batch, divided here by the
 * batch size; the bias gradient is already a mean). `checkOptimizer` compares a learner's class
 * with these step by step.
 */
import type { Dense, ParamGrads } from "../nn/dense";

interface LayerState {
  weights: Float64Array;
  bias: Float64Array;
}

function stateFor(states: LayerState[], i: number, layer: Dense): LayerState {
  return (states[i] ??= { weights: new Float64Array(layer.weights.data.length), bias: new Float64Array(layer.bias.data.length) });
}

/**
 * Nesterov momentum in the form PyTorch uses: v <- mu v - lr g, then p <- p + mu v - lr g.
 * The step looks ahead along the new velocity instead of taking it whole.
 */
export class NesterovMomentum {
  readonly name = "NesterovMomentum";
  readonly lr: number;
  readonly momentum: number;
  stepCount = 0;
  private readonly velocities: LayerState[] = [];

  constructor(options: { lr: number; momentum?: number }) {
    this.lr = options.lr;
    this.momentum = options.momentum ?? 0.9;
  }

  step(grads: readonly ParamGrads[], layers: readonly Dense[], batchSize: number): void {
    this.stepCount += 1;
    layers.forEach((layer, i) => {
      const v = stateFor(this.velocities, i, layer);
      for (const part of ["weights", "bias"] as const) {
        const p = layer[part].data;
        const g = grads[i]![part].data;
        const scale = part === "weights" ? batchSize : 1;
        for (let k = 0; k < p.length; k++) {
          const gk = g[k]! / scale;
          v[part][k] = this.momentum * v[part][k]! - this.lr * gk;
          p[k]! += this.momentum * v[part][k]! - this.lr * gk;
        }
      }
    });
  }
}

/**
 * RMSProp (Hinton's lecture 6e): s <- rho s + (1 - rho) g^2, then p <- p - lr g / (sqrt(s) + eps).
 * Each parameter's step is divided by the root of its recent squared gradients: Adam without
 * the first moment and without bias correction.
 */
export class RMSProp {
  readonly name = "RMSProp";
  readonly lr: number;
  readonly rho: number;
  readonly eps: number;
  stepCount = 0;
  private readonly squares: LayerState[] = [];

  constructor(options: { lr: number; rho?: number; eps?: number }) {
    this.lr = options.lr;
    this.rho = options.rho ?? 0.9;
    this.eps = options.eps ?? 1e-8;
  }

  step(grads: readonly ParamGrads[], layers: readonly Dense[], batchSize: number): void {
    this.stepCount += 1;
    layers.forEach((layer, i) => {
      const s = stateFor(this.squares, i, layer);
      for (const part of ["weights", "bias"] as const) {
        const p = layer[part].data;
        const g = grads[i]![part].data;
        const scale = part === "weights" ? batchSize : 1;
        for (let k = 0; k < p.length; k++) {
          const gk = g[k]! / scale;
          s[part][k] = this.rho * s[part][k]! + (1 - this.rho) * gk * gk;
          p[k]! -= (this.lr * gk) / (Math.sqrt(s[part][k]!) + this.eps);
        }
      }
    });
  }
}
