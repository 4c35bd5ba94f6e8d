import { test } from "node:test";
import assert from "node:assert/strict";
import { optimizerPathFigure } from "./optimizer-paths";

const bowl = (x: number, y: number) => x * x + 10 * y * y;
const base = {
  title: "Paths", xTitle: "w1", yTitle: "w2", loss: bowl,
  xRange: [-2, 2] as const, yRange: [-1, 1] as const, gridSize: 5,
};

test("the contour grid holds the loss at each (x, y), rows by y", () => {
  const fig = optimizerPathFigure({ ...base, paths: [], logLevels: false });
  const contour = fig.data[0] as { x: number[]; y: number[]; z: number[][] };
  assert.deepEqual(contour.x, [-2, -1, 0, 1, 2]);
  assert.deepEqual(contour.y, [-1, -0.5, 0, 0.5, 1]);
  assert.equal(contour.z[0]![4], bowl(2, -1)); // row 0 is y = -1, column 4 is x = 2
  assert.equal(contour.z[3]![1], bowl(-1, 0.5));
});

test("log levels store log10 of the loss to 4 significant digits, clamping zero so the minimum stays finite", () => {
  const fig = optimizerPathFigure({ ...base, paths: [] });
  const z = (fig.data[0] as { z: number[][] }).z;
  assert.equal(z[0]![4], 1.146); // log10(14) = 1.14613...
  assert.equal(z[2]![2], -12); // loss 0 at the centre
});

test("each path becomes a line trace of its points, and the minimum a star", () => {
  const fig = optimizerPathFigure({
    ...base,
    paths: [{ name: "sgd", points: [[1, 1], [0.5, -0.5], [0, 0]] }, { name: "adam", points: [[1, 1]] }],
    minimum: [0, 0],
  });
  assert.deepEqual(fig.data.map((t) => t.name), ["log10 loss", "sgd", "adam", "minimum"]);
  assert.deepEqual(fig.data[1]!.x, [1, 0.5, 0]);
  assert.deepEqual(fig.data[1]!.y, [1, -0.5, 0]);
  assert.equal((fig.data[3]!.marker as { symbol: string }).symbol, "star");
  assert.notEqual((fig.data[1]!.line as { color: string }).color, (fig.data[2]!.line as { color: string }).color);
  assert.deepEqual((fig.layout.xaxis as { range: number[] }).range, [-2, 2]);
  const styled = optimizerPathFigure({ ...base, paths: [{ name: "adam", points: [[1, 1]], style: 1 }] });
  assert.equal((styled.data[1]!.line as { color: string }).color, (fig.data[2]!.line as { color: string }).color);
});

test("bad ranges, grid sizes and empty paths are rejected with their name", () => {
  assert.throws(() => optimizerPathFigure({ ...base, xRange: [1, 1], paths: [] }), /xRange must be two finite numbers, low < high, got \[1, 1\]/);
  assert.throws(() => optimizerPathFigure({ ...base, gridSize: 1, paths: [] }), /gridSize must be an integer >= 2, got 1/);
  assert.throws(() => optimizerPathFigure({ ...base, paths: [{ name: "momentum", points: [] }] }), /path "momentum" has no points/);
});

test("contour levels span the top 5 units of the grid in 16 steps", () => {
  const fig = optimizerPathFigure({ ...base, paths: [] });
  const contours = (fig.data[0] as { contours: { start: number; end: number; size: number } }).contours;
  const top = 1.146; // log10(14), the largest loss on the grid (at a corner), as stored
  assert.equal(contours.end, top);
  assert.ok(Math.abs(contours.size - 5 / 16) < 1e-12);
  assert.ok(Math.abs(contours.start - (top - 5 + 5 / 32)) < 1e-12);
});
