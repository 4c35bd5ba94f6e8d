import { allocateInt32, inWasmMemory } from "./memory";
import type { Dense } from "../lesson/nn/dense";

/** i32 fields per parameter array (the layout the *Network kernels in kernels.wat read). */
const FIELDS = 6;

/** Every parameter array of a network, described for the whole-network update kernels. */
export interface ParameterTable {
  /** In wasm memory; the kernels get its byteOffset (hold on to the table while they use it). */
  table: Int32Array;
  /** Parameter arrays listed (two per layer: weights, then bias). */
  count: number;
}

/**
 * A table in wasm memory listing, for each layer's weights and bias: the values, the layer's
 * gradient (`layer.grads`), the length, whether the gradient is a batch sum (weights) or
 * already a mean (bias), and up to two optimizer state arrays from `state`. With it one wasm
 * call updates the whole network. Null when an array lives outside wasm memory.
 */
export function parameterTable(
  layers: readonly Dense[], state: (layer: number, part: "weights" | "bias") => Float64Array[],
): ParameterTable | null {
  const table = allocateInt32(FIELDS * 2 * layers.length);
  let count = 0;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    for (const part of ["weights", "bias"] as const) {
      const [values, grad, ...moments] = [layer[part].data, layer.grads[part].data, ...state(i, part)];
      const arrays = [values!, grad!, ...moments];
      if (!arrays.every((a) => inWasmMemory(a) && a.length === values!.length)) return null;
      const [s1, s2] = moments;
      table.set([values!.byteOffset, grad!.byteOffset, values!.length, part === "weights" ? 1 : 0,
        s1?.byteOffset ?? 0, s2?.byteOffset ?? 0], FIELDS * count++);
    }
  }
  return { table, count };
}
