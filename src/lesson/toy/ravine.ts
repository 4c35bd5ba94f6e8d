/**
 * The two-parameter ravine of chapters 7 and 9: linear regression on two correlated features, so
 * the loss surface is a long, thin valley whose shape can be drawn and whose curvature is known.
 * 200 rows, x1 and x2 standardized with correlation about 0.95, target exactly 1 x1 + 2 x2 (the
 * best weights are (1, 2), where the loss is 0). The model is one Dense(2, 1) without activation,
 * its bias starting at 0, trained full-batch.
 */
import { Matrix } from "../math/matrix";
import { NumpyRandom } from "../math/random";
import { standardize } from "../data/scale";
import { Dense } from "../nn/dense";
import { meanSquaredError } from "../nn/loss";
import { backward } from "../nn/network";
import type { Optimizer } from "../optim/optimizer";
import { layerParameters } from "../train/parameters";

export interface Ravine {
  x: Matrix;
  y: Matrix;
  /** The features' correlation (the covariance of two standardized columns). */
  correlation: number;
  /** The best weights. */
  minimum: readonly [number, number];
  /** Mean squared error at weights (w1, w2). */
  loss(w1: number, w2: number): number;
  /**
   * The curvature the optimizers see. They descend half the MSE (the lesson's gradient is the
   * error's, X^T e / n, without the square's 2), whose Hessian is X^T X / n, the same everywhere
   * since the loss is a quadratic. For standardized columns that is [[1, r], [r, 1]], with
   * eigenvalues 1 + r and 1 - r. Plain gradient descent is stable for lr < 2 / largest; the
   * ratio largest / smallest is the condition number.
   */
  eigenvalues: { largest: number; smallest: number; condition: number };
}

export function makeRavine(seed = 7): Ravine {
  const random = new NumpyRandom(seed);
  const a = random.randomArray(200);
  const b = random.randomArray(200);
  const x1 = standardize(a);
  const x2 = standardize(a.map((v, i) => 0.95 * v + 0.3 * b[i]!));
  const x = Matrix.fromRows(Array.from(x1, (v, i) => [v, x2[i]!]));
  const y = Matrix.fromRows(Array.from(x1, (v, i) => [1 * v + 2 * x2[i]!]));
  const n = x1.length;
  const correlation = x1.reduce((sum, v, i) => sum + v * x2[i]!, 0) / n;
  const probe = new Dense(2, 1, { activation: false });
  const loss = (w1: number, w2: number) => {
    probe.weights.data.set([w1, w2]);
    probe.bias.data.fill(0);
    return meanSquaredError(probe.forward(x), y);
  };
  // The symmetric 2x2 matrix X^T X / n and its two eigenvalues.
  let s11 = 0, s12 = 0, s22 = 0;
  for (let i = 0; i < n; i++) {
    s11 += x1[i]! * x1[i]!;
    s12 += x1[i]! * x2[i]!;
    s22 += x2[i]! * x2[i]!;
  }
  const [h11, h12, h22] = [s11 / n, s12 / n, s22 / n];
  const mean = (h11 + h22) / 2;
  const spread = Math.sqrt(((h11 - h22) / 2) * ((h11 - h22) / 2) + h12 * h12);
  const largest = mean + spread;
  const smallest = mean - spread;
  return { x, y, correlation, minimum: [1, 2], loss, eigenvalues: { largest, smallest, condition: largest / smallest } };
}

/**
 * Full-batch training on the ravine from `start`: the weights after every step, start included.
 * The gradient is the error's, as in the lesson's loop, averaged over all rows; the optimizer also
 * moves the bias, which stays within rounding of 0 because the features have mean 0.
 */
export function followPath(ravine: Ravine, optimizer: Optimizer, steps = 30, start: readonly [number, number] = [-2, 4.5]): [number, number][] {
  const layer = new Dense(2, 1, { activation: false });
  layer.weights.data.set(start);
  layer.bias.data.fill(0);
  const path: [number, number][] = [[start[0], start[1]]];
  for (let s = 0; s < steps; s++) {
    const error = layer.forward(ravine.x).sub(ravine.y);
    const grads = backward(error, [layer]);
    optimizer.step(layerParameters([layer], grads, ravine.x.rows));
    path.push([layer.weights.data[0]!, layer.weights.data[1]!]);
  }
  return path;
}
