import { Matrix } from "../math/matrix";
import { Dense } from "../nn/dense";
import type { RavineOptimizer } from "./ravine";

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
    loss: (x, y) => (a - x) ** 2 + b * (y - x * x) ** 2,
    gradient: (x, y) => [-2 * (a - x) - 4 * b * x * (y - x * x), 2 * b * (y - x * x)],
    minimum: [a, a * a],
  };
}

/**
 * Let an optimizer walk a surface: the two parameters are held as the weights of a Dense(2, 1)
 * (so the lesson's optimizers apply unchanged) and their gradient is the surface's, batch size 1.
 * Returns the point before the first step and after each step; stops early if the loss overflows.
 */
export function walkSurface(surface: Surface, optimizer: RavineOptimizer, start: readonly [number, number], steps: number): [number, number][] {
  const layer = new Dense(2, 1, { activation: false });
  layer.weights.data.set(start);
  const path: [number, number][] = [[start[0], start[1]]];
  for (let s = 0; s < steps; s++) {
    const [x, y] = [layer.weights.data[0]!, layer.weights.data[1]!];
    const [gx, gy] = surface.gradient(x, y);
    optimizer.step([{ weights: Matrix.fromRows([[gx], [gy]]), bias: Matrix.zeros(1, 1) }], [layer], 1);
    const next: [number, number] = [layer.weights.data[0]!, layer.weights.data[1]!];
    if (!Number.isFinite(surface.loss(...next))) break;
    path.push(next);
  }
  return path;
}
