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
 * zeros for a bias (n, rounded up to even), g^T and (w @ g^T), the input gradient transposed.
 */
export function backwardScratchLength(n: number, k: number, m: number): number {
  return n + 1 + n * (k + m);
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
