/**
 * The one definition of the tables the whole-network kernels read (kernels.wat reads the same
 * offsets; the module states its record sizes and instance.ts checks them against these).
 * Every field is an i32: a byte offset into the wasm memory, or a count.
 */

/** One layer of a network plan, in layer order. */
export const LAYER_FIELDS = [
  "weights", "bias", "output", "maskedGrad", "weightGrad", "biasGrad", "inputGrad", "inputSize", "outputSize", "relu",
  "scratch",
] as const;

/**
 * How many float64s denseBackward's scratch buffer holds for n rows, k inputs and m outputs:
 * x^T and a copy of the gradient with padded rows for the weight gradient, then g^T (padded)
 * and (w @ g^T) for the input gradient.
 */
export function backwardScratchLength(n: number, k: number, m: number): number {
  return k * n + (n + 3) * (m + 3);
}

/** One parameter array of a parameter table (two per layer: weights, then bias). */
export const PARAMETER_FIELDS = ["values", "grad", "length", "isWeights", "state1", "state2"] as const;

export type LayerRecord = Record<(typeof LAYER_FIELDS)[number], number>;
export type ParameterRecord = Record<(typeof PARAMETER_FIELDS)[number], number>;

export const LAYER_RECORD_BYTES = 4 * LAYER_FIELDS.length;
export const PARAMETER_RECORD_BYTES = 4 * PARAMETER_FIELDS.length;

/** Write record number `index` of a table, fields in the order `fields` lists them. */
export function writeRecord<F extends readonly string[]>(
  table: Int32Array, fields: F, index: number, record: Record<F[number], number>,
): void {
  fields.forEach((field: F[number], i) => {
    table[index * fields.length + i] = record[field];
  });
}
