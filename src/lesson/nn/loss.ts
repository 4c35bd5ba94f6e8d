import { Matrix } from "../math/matrix";
import { ShapeError } from "../math/shape-error";

/** Mean squared error between predictions and targets (same shape). */
export function meanSquaredError(predictions: Matrix, targets: Matrix): number {
  if (predictions.rows !== targets.rows || predictions.cols !== targets.cols) {
    throw ShapeError.pair("meanSquaredError", predictions, targets);
  }
  let sum = 0;
  const p = predictions.data;
  const t = targets.data;
  for (let i = 0; i < p.length; i++) {
    const d = p[i]! - t[i]!;
    sum += d * d;
  }
  return sum / p.length;
}

/**
 * out = predictions - targets: the gradient the lesson feeds to backward (the derivative of
 * half the summed squared error). Writes into `out` so the training loop allocates nothing.
 */
export function errorInto(predictions: Matrix, targets: Matrix, out: Matrix): Matrix {
  if (predictions.rows !== targets.rows || predictions.cols !== targets.cols) {
    throw ShapeError.pair("error: predictions - targets", predictions, targets);
  }
  const p = predictions.data;
  const t = targets.data;
  const o = out.data;
  for (let i = 0; i < p.length; i++) o[i] = p[i]! - t[i]!;
  return out;
}
