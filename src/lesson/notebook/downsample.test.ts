import { test } from "node:test";
import assert from "node:assert/strict";
import { downsampleFigure, lttbIndices } from "./downsample";

test("LTTB keeps the ends, a spike and a dip, and returns exactly `threshold` sorted indices", () => {
  const n = 1000;
  const x = Array.from({ length: n }, (_, i) => i);
  const y = x.map((i) => (i === 333 ? 50 : i === 777 ? -40 : Math.sin(i / 50)));
  const kept = lttbIndices(x, y, 60);
  assert.equal(kept.length, 60);
  assert.equal(kept[0], 0);
  assert.equal(kept[59], n - 1);
  assert.ok(kept.includes(333), "the spike survives");
  assert.ok(kept.includes(777), "the dip survives");
  assert.deepEqual([...kept].sort((a, b) => a - b), kept);
});

test("short series are returned whole; bad thresholds are rejected with their value", () => {
  assert.deepEqual(lttbIndices([1, 2, 3], [3, 2, 1], 5), [0, 1, 2]);
  assert.throws(() => lttbIndices([1, 2], [1, 2], 2), /threshold must be an integer >= 3, got 2/);
  assert.throws(() => lttbIndices([1, 2], [1], 3), /2 x values but 1 y values/);
});

test("downsampleFigure thins long numeric line traces only", () => {
  const long = Array.from({ length: 5000 }, (_, i) => i);
  const figure = {
    data: [
      { type: "scatter", mode: "lines", name: "loss", x: long, y: long.map((i) => 1 / (1 + i)) },
      { type: "scatter", mode: "markers", name: "points", x: long, y: long },
      { type: "scatter", mode: "lines", name: "short", x: [1, 2], y: [2, 1] },
    ],
    layout: { title: { text: "t" } },
  };
  const out = downsampleFigure(figure, 500);
  assert.equal((out.data[0]!.x as number[]).length, 500);
  assert.equal((out.data[0]!.y as number[])[0], 1);
  assert.equal((out.data[1]!.x as number[]).length, 5000);
  assert.deepEqual(out.data[2], figure.data[2]);
  assert.equal((figure.data[0]!.x as number[]).length, 5000, "the original figure is unchanged");
});
