import type { Ravine } from "./ravine";

/**
 * What the ravine's curvature (the eigenvalues of its Hessian X^T X / n: the smallest along the
 * floor, the largest across the walls) says about the learning rates and momentum that work.
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
  const { largest: lambdaMax, smallest: lambdaMin, condition: kappa } = ravine.eigenvalues;
  const rootKappa = Math.sqrt(kappa);
  const momentumRate = (rootKappa - 1) / (rootKappa + 1);
  return {
    lambdaMax, lambdaMin, kappa,
    stableLr: 2 / lambdaMax,
    sgd: { lr: 2 / (lambdaMax + lambdaMin), rate: (kappa - 1) / (kappa + 1) },
    momentum: { lr: 4 / ((Math.sqrt(lambdaMax) + Math.sqrt(lambdaMin)) * (Math.sqrt(lambdaMax) + Math.sqrt(lambdaMin))), momentum: momentumRate * momentumRate, rate: momentumRate },
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
