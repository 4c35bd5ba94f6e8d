import { test } from "node:test";
import assert from "node:assert/strict";
import { formatValue, logAxis, logTicks, readableLogAxes, spansDecades } from "./figure-style";
import { lineFigure } from "./builders";
import { optimizerPathFigure } from "./optimizer-paths";

test("log ticks over a few decades are 1-2-5 multiples written in full, never bare minor digits", () => {
  assert.deepEqual(logTicks(5, 905), { tickvals: [5, 10, 20, 50, 100, 200, 500, 1000], ticktext: ["5", "10", "20", "50", "100", "200", "500", "1000"] });
  assert.deepEqual(logTicks(0.004, 0.03).ticktext, ["0.005", "0.01", "0.02"]);
});

test("log ticks inside one decade are 1..9 multiples; beyond four decades, powers of ten", () => {
  assert.deepEqual(logTicks(6, 9.5).ticktext, ["5", "6", "7", "8", "9", "10"]);
  assert.deepEqual(logTicks(100, 1e14).ticktext, ["100", "10<sup>4</sup>", "10<sup>6</sup>", "10<sup>8</sup>", "10<sup>10</sup>", "10<sup>12</sup>", "10<sup>14</sup>"]);
  assert.throws(() => logTicks(0, 1), /need 0 < low <= high, got \[0, 1\]/);
});

test("lineFigure puts y on a log axis by itself when the values span two decades", () => {
  const x = [0, 1, 2];
  const wide = lineFigure({ title: "t", xTitle: "x", yTitle: "loss", series: [{ name: "a", x, y: [900, 50, 6] }] });
  const narrow = lineFigure({ title: "t", xTitle: "x", yTitle: "loss", series: [{ name: "a", x, y: [9, 7, 6] }] });
  assert.equal((wide.layout.yaxis as { type?: string }).type, "log");
  assert.equal((narrow.layout.yaxis as { type?: string }).type, undefined);
  const forcedLinear = lineFigure({ title: "t", xTitle: "x", yTitle: "y", logY: false, series: [{ name: "a", x, y: [900, 50, 6] }] });
  assert.equal((forcedLinear.layout.yaxis as { type?: string }).type, undefined);
  assert.equal(spansDecades([1, -1, 1000]), false);
  assert.deepEqual(logAxis("y", [0, -3]), { title: { text: "y" }, type: "log" });
});

test("logX puts x on a labelled log axis", () => {
  const fig = lineFigure({ title: "t", xTitle: "lr", yTitle: "loss", logX: true, series: [{ name: "a", x: [1e-6, 1e-3, 1], y: [3, 2, 1] }] });
  assert.equal((fig.layout.xaxis as { type?: string }).type, "log");
  assert.equal((fig.layout.xaxis as { ticktext: string[] }).ticktext[0], "10<sup>−6</sup>");
});

test("a one-point series is drawn as a marker", () => {
  const fig = lineFigure({ title: "t", xTitle: "x", yTitle: "y", series: [{ name: "curve", x: [1, 2], y: [1, 2] }, { name: "best", x: [2], y: [2] }] });
  assert.deepEqual(fig.data.map((t) => t.mode), ["lines", "markers"]);
});

test("every builder's legend sits above the plot and its height is fixed", () => {
  const fig = lineFigure({ title: "t", xTitle: "x", yTitle: "y", series: [{ name: "a", x: [1], y: [1] }] });
  assert.deepEqual(fig.layout.legend, { orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" });
  assert.equal(fig.layout.height, 480);
});

test("parameter paths have equal axis scales and numbered steps", () => {
  const points = Array.from({ length: 31 }, (_, i) => [i / 30, 1 - i / 30] as const);
  const fig = optimizerPathFigure({ title: "p", xTitle: "w1", yTitle: "w2", loss: (x, y) => x * x + y * y, xRange: [-1, 1], yRange: [-1, 1], gridSize: 3, paths: [{ name: "sgd", points }] });
  assert.equal((fig.layout.yaxis as { scaleanchor?: string }).scaleanchor, "x");
  const text = fig.data[1]!.text as string[];
  assert.deepEqual(text.flatMap((t, i) => (t ? [i] : [])), [0, 1, 2, 5, 10, 15, 20, 25, 30]);
  assert.equal(text[10], "10");
});

test("formatValue writes settings the way titles and sentences show them", () => {
  assert.deepEqual([1e-4, 0.001, 0.9, 32, 0.0003, 1e-8, 12.5, 250000].map(formatValue), ["1e-4", "1e-3", "0.9", "32", "3e-4", "1e-8", "12.5", "2.5e5"]);
});

test("readableLogAxes labels each log axis from the traces drawn on it, and leaves the rest alone", () => {
  const figure = {
    data: [
      { type: "scatter", x: [1, 2], y: [900, 6], xaxis: "x", yaxis: "y" },
      { type: "scatter", x: [1, 2], y: [0.5, 0.004], xaxis: "x2", yaxis: "y2" },
    ],
    layout: { yaxis: { type: "log", title: { text: "running_loss" } }, yaxis2: { type: "log" }, xaxis: { title: { text: "step" } } },
  };
  const out = readableLogAxes(figure);
  assert.deepEqual((out.layout.yaxis as { ticktext: string[] }).ticktext, ["5", "10", "20", "50", "100", "200", "500", "1000"]);
  assert.deepEqual((out.layout.yaxis as { title: unknown }).title, { text: "running_loss" });
  assert.equal((out.layout.yaxis2 as { ticktext: string[] }).ticktext[0], "0.005");
  assert.deepEqual(out.layout.xaxis, figure.layout.xaxis);
  assert.equal((figure.layout.yaxis as { tickvals?: unknown }).tickvals, undefined, "the original is unchanged");
});
