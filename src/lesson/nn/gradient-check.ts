import type { Matrix } from "../math/matrix";
import type { Dense } from "./dense";
import { errorInto } from "./loss";
import { backward, forward } from "./network";

export interface GradientCheckResult {
  /**
   * Largest relative difference |analytic - numeric| / max(|analytic|, |numeric|) over the checked
   * entries (0 where both are 0): below 1e-5, the two agree to five significant digits.
   */
  maxRelativeError: number;
  /** Where the largest difference was found. */
  worst: { layer: number; param: "weights" | "bias"; index: number; analytic: number; numeric: number };
  checked: number;
}

/**
 * Compare backward's gradients with finite differences of the loss
 * L = 1/2 * sum((forward(x) - y)^2), whose gradient with respect to the predictions is exactly
 * the error (predictions - y) that the lesson feeds to backward. Weight gradients from backward
 * are sums over the batch, like dL/dW; bias gradients are batch means, so they are compared
 * with dL/db / rows. Central differences: (L(p + h) - L(p - h)) / 2h.
 *
 * The difference is relative to the larger of the two values, with no floor: a small gradient
 * is held to as many significant digits as a large one, so the entries with the smallest
 * gradients, where the rounding error of L(p + h) - L(p - h) weighs most, set the maximum.
 */
export function gradientCheck(layers: Dense[], x: Matrix, y: Matrix, h = 1e-6): GradientCheckResult {
  const predictions = forward(x, layers);
  const error = errorInto(predictions, y, predictions.clone());
  const analytic = backward(error, layers).map((g) => ({ weights: g.weights.data.slice(), bias: g.bias.data.slice() }));

  const loss = () => {
    const p = forward(x, layers).data;
    let sum = 0;
    for (let i = 0; i < p.length; i++) sum += 0.5 * (p[i]! - y.data[i]!) * (p[i]! - y.data[i]!);
    return sum;
  };

  let result: GradientCheckResult | null = null;
  let checked = 0;
  layers.forEach((layer, l) => {
    for (const param of ["weights", "bias"] as const) {
      const values = layer[param].data;
      for (let i = 0; i < values.length; i++) {
        const saved = values[i]!;
        values[i] = saved + h;
        const up = loss();
        values[i] = saved - h;
        const down = loss();
        values[i] = saved;
        const numeric = (up - down) / (2 * h) / (param === "bias" ? x.rows : 1);
        const a = analytic[l]![param][i]!;
        const scale = Math.max(Math.abs(a), Math.abs(numeric));
        const rel = scale === 0 ? 0 : Math.abs(a - numeric) / scale;
        checked++;
        if (!result || rel > result.maxRelativeError) {
          result = { maxRelativeError: rel, worst: { layer: l, param, index: i, analytic: a, numeric }, checked: 0 };
        }
      }
    }
  });
  return { ...result!, checked };
}
