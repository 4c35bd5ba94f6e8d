import { test } from "node:test";
import assert from "node:assert/strict";
import { downsampleFigure } from "./downsample";

test("downsampleFigure thins long numeric line traces only, keeping a spike", () => {
  const long = Array.from({ length: 5000 }, (_, i) => i);
  const figure = {
    data: [
      { type: "scatter", mode: "lines", name: "loss", x: long, y: long.map((i) => (i === 3333 ? 50 : 1 / (1 + i))) },
      { type: "scatter", mode: "markers", name: "points", x: long, y: long },
      { type: "scatter", mode: "lines", name: "short", x: [1, 2], y: [2, 1] },
    ],
    layout: { title: { text: "t" } },
  };
  const out = downsampleFigure(figure, 500);
  assert.equal((out.data[0]!.x as number[]).length, 500);
  assert.equal((out.data[0]!.y as number[])[0], 1);
  assert.ok((out.data[0]!.y as number[]).includes(50), "the spike survives");
  assert.equal((out.data[1]!.x as number[]).length, 5000);
  assert.deepEqual(out.data[2], figure.data[2]);
  assert.equal((figure.data[0]!.x as number[]).length, 5000, "the original figure is unchanged");
});
