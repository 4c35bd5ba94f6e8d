import { Dense } from "../../lesson/nn/dense";

/** Dense layers for widths [in, h1, ..., out]: ReLU after each but the last, seed 0 like the lesson. */
export function denseLayers(widths: readonly number[]): Dense[] {
  if (widths.length < 2) throw new RangeError(`denseLayers: need at least an input and an output width, got [${widths.join(", ")}]`);
  return widths.slice(1).map((out, i) => new Dense(widths[i]!, out, { activation: i < widths.length - 2 }));
}
