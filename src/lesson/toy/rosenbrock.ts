import { Matrix } from "../math/matrix";
import type { Optimizer } from "../optim/optimizer";

/** A loss of two parameters with its gradient, for drawing optimizer paths. */
export interface Surface {
  name: string;
  loss(x: number, y: number): number;
  gradient(x: number, y: number): [number, number];
  minimum: readonly [number, number];
}

/**
 * Rosenbrock's banana valley, (a - x)^2 + b (y - x^2)^2: a curved, narrow valley with its minimum
 * at (a, a^2). Not convex: the floor bends, so a direction that was right becomes wrong.
 */
export function rosenbrock(a = 1, b = 100): Surface {
  return {
    name: `Rosenbrock (a ${a}, b ${b})`,
    loss: (x, y) => (a - x) * (a - x) + b * (y - x * x) * (y - x * x),
    gradient: (x, y) => [-2 * (a - x) - 4 * b * x * (y - x * x), 2 * b * (y - x * x)],
    minimum: [a, a * a],
  };
}

/**
 * Let an optimizer walk a surface: the two coordinates are one parameter (a 1 x 2 matrix) whose
 * gradient is the surface's. Returns the point before the first step and after each step; stops
 * early if the loss overflows.
 */
export function walkSurface(surface: Surface, optimizer: Optimizer, start: readonly [number, number], steps: number): [number, number][] {
  const point = Matrix.fromRows([[start[0], start[1]]]);
  const path: [number, number][] = [[start[0], start[1]]];
  for (let s = 0; s < steps; s++) {
    const [x, y] = [point.data[0]!, point.data[1]!];
    optimizer.step([{ value: point, grad: Matrix.fromRows([surface.gradient(x, y)]), decay: true }]);
    const next: [number, number] = [point.data[0]!, point.data[1]!];
    if (!Number.isFinite(surface.loss(...next))) break;
    path.push(next);
  }
  return path;
}
