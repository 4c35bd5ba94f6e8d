/**
 * Floating-point operations of the matrix products in one training run (a multiply-add counts
 * as two). Per training row: the forward pass (2 * in * out per layer), the weight gradient
 * (the same again) and the input gradient for every layer but the first (which nobody needs);
 * per validation row, one forward pass per epoch. Element-wise work (ReLU, the optimizer
 * update) is left out: it is small next to the products except for tiny networks, so the
 * FLOP/s figures are a lower bound of the arithmetic done.
 */
export function matmulFlops(widths: readonly number[], trainRows: number, validRows: number, epochs: number): number {
  let forward = 0;
  let inputGrads = 0;
  for (let i = 0; i + 1 < widths.length; i++) {
    const product = 2 * widths[i]! * widths[i + 1]!;
    forward += product;
    if (i > 0) inputGrads += product;
  }
  return epochs * (trainRows * (2 * forward + inputGrads) + validRows * forward);
}
