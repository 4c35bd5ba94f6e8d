import type { RowResult, StepCost } from "./report";

/**
 * Split a contender's steady time per optimizer step into a fixed part (per-call overhead:
 * interpreter, dispatch, allocation) and a part per batch row (the arithmetic), from the
 * steady (median) epochs of the same run at two batch sizes: t(bs) = fixed + bs * perRow.
 * The validation pass and the short last batch are folded into the steps, so this is an estimate.
 */
export function stepCost(small: RowResult, large: RowResult): StepCost {
  const perStep = (row: RowResult) => row.steadyEpochSeconds / Math.ceil(row.trainRows / row.batchSize);
  const perRow = (perStep(large) - perStep(small)) / (large.batchSize - small.batchSize);
  return {
    contender: small.contender,
    batchSizes: [small.batchSize, large.batchSize],
    fixedMicroseconds: (perStep(small) - small.batchSize * perRow) * 1e6,
    perRowMicroseconds: perRow * 1e6,
  };
}
