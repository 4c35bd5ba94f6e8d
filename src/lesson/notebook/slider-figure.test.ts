import { test } from "node:test";
import assert from "node:assert/strict";
import { sliderFigure } from "./slider-figure";

const x = [0, 1, 2];
const figure = sliderFigure({
  title: "Loss", xTitle: "epoch", yTitle: "loss", sliderTitle: "learning rate", active: 1,
  fixed: [{ name: "baseline", x, y: [5, 4, 3] }],
  steps: [
    { label: "1e-4", series: [{ name: "train", x, y: [9, 8, 7] }, { name: "valid", x, y: [9, 8.5, 8] }] },
    { label: "1e-3", series: [{ name: "train", x, y: [9, 5, 3] }, { name: "valid", x, y: [9, 6, 4] }] },
  ],
});

test("every position's traces are in the figure; only the active one's (and the fixed ones) are visible", () => {
  assert.deepEqual(figure.data.map((t) => [t.name, t.visible]), [["baseline", true], ["train", false], ["valid", false], ["train", true], ["valid", true]]);
  assert.deepEqual(figure.layout.title, { text: "Loss: learning rate 1e-3" });
});

test("each slider step shows its own traces and retitles the figure", () => {
  const slider = (figure.layout.sliders as { active: number; steps: { label: string; args: [{ visible: boolean[] }, { title: { text: string } }] }[] }[])[0]!;
  assert.equal(slider.active, 1);
  assert.deepEqual(slider.steps.map((s) => s.label), ["1e-4", "1e-3"]);
  assert.deepEqual(slider.steps[0]!.args[0].visible, [true, true, true, false, false]);
  assert.equal(slider.steps[0]!.args[1].title.text, "Loss: learning rate 1e-4");
});

test("a series keeps its colour across positions, and the y range is shared", () => {
  assert.deepEqual((figure.data[1]!.line as { color: string }).color, (figure.data[3]!.line as { color: string }).color);
  const range = (figure.layout.yaxis as { range: number[] }).range;
  assert.ok(range[0]! < 3 && range[1]! > 9);
});

test("bad positions are rejected with their value", () => {
  assert.throws(() => sliderFigure({ title: "t", xTitle: "x", yTitle: "y", sliderTitle: "s", steps: [] }), /at least one step/);
  assert.throws(() => sliderFigure({ title: "t", xTitle: "x", yTitle: "y", sliderTitle: "s", active: 3, steps: [{ label: "a", series: [] }] }), /active must be an integer in \[0, 0\], got 3/);
});
