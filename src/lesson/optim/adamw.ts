import { Adam, type AdamOptions } from "./adam";
import type { Parameter } from "./optimizer";

/**
 * AdamW (Loshchilov & Hutter, 2019): Adam plus decoupled weight decay. Before the Adam step,
 * the weights shrink toward zero by lr * weightDecay * weights. The decay is kept out of the
 * gradient, so Adam's per-parameter scaling does not weaken it. Biases are not decayed.
 */
export class AdamW extends Adam {
  override readonly name = "AdamW";
  readonly weightDecay: number;

  constructor(options: AdamOptions & { weightDecay?: number }) {
    super(options);
    this.weightDecay = options.weightDecay ?? 0.01;
    if (!(this.weightDecay >= 0) || !Number.isFinite(this.weightDecay)) {
      throw new RangeError(`AdamW: weightDecay must be a finite number >= 0, got ${this.weightDecay}`);
    }
  }

  protected override update(index: number, param: Parameter, lr: number): void {
    if (param.decay) {
      const w = param.value.data;
      const shrink = -lr * this.weightDecay;
      for (let i = 0; i < w.length; i++) w[i]! += shrink * w[i]!;
    }
    super.update(index, param, lr);
  }
}
