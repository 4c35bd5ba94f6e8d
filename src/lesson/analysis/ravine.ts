import { Matrix } from "../math/matrix";
import { NumpyRandom } from "../math/random";
import { standardize } from "../data/scale";
import { Dense, type ParamGrads } from "../nn/dense";
import { meanSquaredError } from "../nn/loss";
import { backward } from "../nn/network";

/** Anything that updates layers from their gradients, as every optimizer of the lesson does. */
export interface LayerStepper {
  step(grads: ParamGrads[], layers: Dense[], batchSize: number): void;
}

/**
 * Chapters 7 and 9's two-parameter ravine: linear regression on two standardized features whose
 * correlation is about 0.95, target exactly 1 * x1 + 2 * x2, a bias-free Dense(2, 1).
 */
export interface Ravine {
  x: Matrix;
  y: Matrix;
  /** The best weights, where the loss is 0. */
  minimum: readonly [number, number];
  /** Where every path starts. */
  start: readonly [number, number];
  /** Mean squared error at weights (w1, w2). */
  loss(w1: number, w2: number): number;
  /** Correlation of the two features. */
  correlation: number;
}

export function makeRavine(options: { rows?: number; seed?: number; start?: readonly [number, number] } = {}): Ravine {
  const rows = options.rows ?? 200;
  const random = new NumpyRandom(options.seed ?? 7);
  const a = random.randomArray(rows), b = random.randomArray(rows);
  const x1 = standardize(a);
  const x2 = standardize(a.map((v, i) => 0.95 * v + 0.3 * b[i]!));
  const x = Matrix.fromRows(Array.from(x1, (v, i) => [v, x2[i]!]));
  const y = Matrix.fromRows(Array.from(x1, (v, i) => [1 * v + 2 * x2[i]!]));
  const probe = fixedLayer(0, 0);
  return {
    x, y, minimum: [1, 2], start: options.start ?? [-2, 4.5],
    correlation: x1.reduce((sum, v, i) => sum + v * x2[i]!, 0) / rows,
    loss(w1, w2) {
      probe.weights.data.set([w1, w2]);
      return meanSquaredError(probe.forward(x), y);
    },
  };
}

function fixedLayer(w1: number, w2: number): Dense {
  const layer = new Dense(2, 1, { activation: false });
  layer.weights.data.set([w1, w2]);
  layer.bias.data.fill(0);
  return layer;
}

/** Full-batch steps from the ravine's start: the weights before the first step and after each one. */
export function followPath(ravine: Ravine, optimizer: LayerStepper, steps: number): [number, number][] {
  const layer = fixedLayer(...ravine.start);
  const path: [number, number][] = [[ravine.start[0], ravine.start[1]]];
  for (let s = 0; s < steps; s++) {
    const error = layer.forward(ravine.x).sub(ravine.y); // forward, and d loss / d prediction
    const grads = backward(error, [layer]); // backward
    optimizer.step(grads, [layer], ravine.x.rows); // update
    path.push([layer.weights.data[0]!, layer.weights.data[1]!]);
  }
  return path;
}

/**
 * The curvature of the ravine as the optimizers see it. Their gradient is X^T (Xw - y) / n, the
 * gradient of half the mean squared error, whose Hessian is H = X^T X / n (constant: the loss is
 * a quadratic bowl). Its eigenvalues are the curvatures along the floor (smallest) and across
 * the walls (largest); their ratio is the condition number.
 */
export interface Curvature {
  lambdaMax: number;
  lambdaMin: number;
  /** lambdaMax / lambdaMin. */
  kappa: number;
  /** Plain gradient descent diverges above this rate: 2 / lambdaMax. */
  stableLr: number;
  /** Gradient descent's best rate, 2 / (lambdaMax + lambdaMin), and its error factor per step, (kappa - 1) / (kappa + 1). */
  sgd: { lr: number; rate: number };
  /**
   * Momentum's best pair (Polyak's heavy ball, Distill's "Why Momentum Really Works"):
   * lr = 4 / (sqrt(lambdaMax) + sqrt(lambdaMin))^2, momentum = ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2,
   * error factor per step sqrt(momentum) = (sqrt(kappa) - 1) / (sqrt(kappa) + 1).
   */
  momentum: { lr: number; momentum: number; rate: number };
}

export function ravineCurvature(ravine: Ravine): Curvature {
  const n = ravine.x.rows;
  const h = ravine.x.transpose().matmul(ravine.x).div(n);
  const [a, b, d] = [h.get(0, 0), h.get(0, 1), h.get(1, 1)];
  // Eigenvalues of the symmetric 2 x 2 matrix [[a, b], [b, d]].
  const mean = (a + d) / 2, radius = Math.hypot((a - d) / 2, b);
  const lambdaMax = mean + radius, lambdaMin = mean - radius;
  const kappa = lambdaMax / lambdaMin;
  const rootKappa = Math.sqrt(kappa);
  const momentumRate = (rootKappa - 1) / (rootKappa + 1);
  return {
    lambdaMax, lambdaMin, kappa,
    stableLr: 2 / lambdaMax,
    sgd: { lr: 2 / (lambdaMax + lambdaMin), rate: (kappa - 1) / (kappa + 1) },
    momentum: { lr: 4 / (Math.sqrt(lambdaMax) + Math.sqrt(lambdaMin)) ** 2, momentum: momentumRate ** 2, rate: momentumRate },
  };
}

/** The first step at which the loss along a path falls to `target` or below, or null if it never does. */
export function stepsToReach(path: ReadonlyArray<readonly [number, number]>, loss: (w1: number, w2: number) => number, target: number): number | null {
  const k = path.findIndex(([w1, w2]) => loss(w1, w2) <= target);
  return k < 0 ? null : k;
}

/**
 * How momentum (lr, mu) shrinks the error along one direction of curvature lambda. Per step the
 * error and the velocity are multiplied by a 2 x 2 matrix whose eigenvalues z solve
 * z^2 - (1 + mu - lr * lambda) z + mu = 0. Complex roots (underdamped: the path spirals) all
 * have |z| = sqrt(mu), whatever lr and lambda; real roots decay without swinging.
 */
export function momentumFactor(lr: number, mu: number, lambda: number): { factor: number; damping: "underdamped" | "critically damped" | "overdamped" } {
  const b = 1 + mu - lr * lambda;
  const discriminant = b * b - 4 * mu;
  const tolerance = 1e-9 * Math.max(1, b * b);
  if (discriminant < -tolerance) return { factor: Math.sqrt(mu), damping: "underdamped" };
  const root = Math.sqrt(Math.max(discriminant, 0));
  const factor = Math.max(Math.abs((b + root) / 2), Math.abs((b - root) / 2));
  return { factor, damping: Math.abs(discriminant) <= tolerance ? "critically damped" : "overdamped" };
}
