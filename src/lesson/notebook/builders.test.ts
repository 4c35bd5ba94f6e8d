import { test } from "node:test";
import assert from "node:assert/strict";
import { barFigure, lineFigure } from "./builders";
import { describeFigure } from "./figure";
import { figureBundle, figureSize, plotlyMime } from "./show";

const twoRuns = lineFigure({
  title: "Training loss",
  xTitle: "epoch",
  yTitle: "loss",
  series: [
    { name: "sgd", x: [1, 2, 3], y: new Float64Array([3, 2, 1]) },
    { name: "adam", x: [1, 2, 3], y: [2, 1, 0.5] },
  ],
  logY: true,
});

test("lineFigure makes one line trace per series, with plain arrays and a log y axis", () => {
  assert.equal(twoRuns.data.length, 2);
  assert.deepEqual(twoRuns.data[0], { type: "scatter", mode: "lines", name: "sgd", x: [1, 2, 3], y: [3, 2, 1] });
  assert.deepEqual(twoRuns.layout.title, { text: "Training loss" });
  assert.equal((twoRuns.layout.yaxis as { type?: string }).type, "log");
});

test("series whose x and y lengths differ are rejected, naming the series", () => {
  assert.throws(
    () => lineFigure({ title: "t", xTitle: "x", yTitle: "y", series: [{ name: "bad", x: [1, 2], y: [1] }] }),
    /series "bad" has 2 x values but 1 y values/,
  );
  assert.throws(() => barFigure({ title: "t", xTitle: "x", yTitle: "y", labels: ["a"], values: [] }), /1 labels but 0 values/);
});

test("the display bundle holds the figure as a JSON object, the PNG as base64 and a description", () => {
  const bundle = figureBundle(twoRuns, Buffer.from([1, 2, 3]));
  assert.deepEqual(Object.keys(bundle), [plotlyMime, "image/png", "text/plain"]);
  assert.equal(typeof bundle[plotlyMime], "object");
  assert.deepEqual((bundle[plotlyMime] as { data: unknown[] }).data, twoRuns.data);
  assert.equal(bundle["image/png"], "AQID");
  assert.equal(bundle["text/plain"], "Training loss (2 traces: sgd, adam)");
  assert.deepEqual(Object.keys(figureBundle(twoRuns, null)), [plotlyMime, "text/plain"]);
  // The live plot keeps the PNG's size (860 x 480 unless asked otherwise or set by the figure).
  const layoutOf = (b: Record<string, unknown>) => (b[plotlyMime] as { layout: { width?: number; height?: number } }).layout;
  assert.deepEqual([layoutOf(bundle).width, layoutOf(bundle).height], [860, 480]);
  const small = figureBundle(twoRuns, null, { width: 400, height: 300 });
  assert.deepEqual([layoutOf(small).width, layoutOf(small).height], [400, 300]);
  const tall = { ...twoRuns, layout: { ...twoRuns.layout, height: 600 } };
  assert.deepEqual(figureSize(tall), { width: 860, height: 600 }, "a figure's own height is its size");
  assert.deepEqual(figureSize(tall, { height: 620 }), { width: 860, height: 620 }, "show's option wins");
  assert.equal(layoutOf(figureBundle(tall, null, figureSize(tall, { height: 620 }))).height, 620, "and the layout follows it");
  assert.equal((tall.layout as { height?: number }).height, 600, "the figure itself is not changed");
  assert.equal(describeFigure({ data: [], layout: {} }), "Figure (no traces)");
});
