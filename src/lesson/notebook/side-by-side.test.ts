import { test } from "node:test";
import assert from "node:assert/strict";
import { sideBySide } from "./side-by-side";

const panel = (title: string) => ({
  data: [{ type: "scatter", name: "path", x: [0], y: [0] }, { type: "scatter", name: "minimum", x: [1], y: [1] }],
  layout: { title: { text: title }, xaxis: { title: { text: "x" } }, yaxis: { title: { text: "y" }, scaleanchor: "x" } },
});

test("sideBySide: each panel on its own axes, side by side, panel titles as labels instead of a legend", () => {
  const figure = sideBySide("both", [panel("a"), panel("b")]);
  assert.deepEqual(figure.data.map((t) => [t.xaxis, t.yaxis]), [["x", "y"], ["x", "y"], ["x2", "y2"], ["x2", "y2"]]);
  const layout = figure.layout as Record<string, any>;
  assert.equal(layout.title.text, "both");
  assert.equal(layout.showlegend, false);
  assert.ok(layout.xaxis.domain[1] < layout.xaxis2.domain[0]);
  assert.equal(layout.yaxis2.scaleanchor, "x2");
  assert.equal(layout.yaxis2.title, undefined);
  assert.deepEqual(layout.annotations.map((a: { text: string }) => a.text), ["a", "b"]);
  const shared = sideBySide("one legend", [panel("a"), panel("b")], { legend: true });
  assert.equal((shared.layout as Record<string, unknown>).showlegend, true);
  assert.deepEqual(shared.data.map((t) => t.showlegend), [undefined, undefined, false, false]);
  const colors = shared.data.map((t) => (t.line as { color: string }).color);
  assert.deepEqual([colors[2], colors[3]], [colors[0], colors[1]]); // same name, same colour
  assert.notEqual(colors[0], colors[1]);
  const contour = { type: "contour", name: "loss", contours: { start: 0, end: 4, size: 0.5 } };
  const thinned = sideBySide("levels", [{ data: [contour], layout: {} }, { data: [contour], layout: {} }]);
  assert.equal((thinned.data[0]!.contours as { size: number }).size, 1); // every other level
  assert.equal(contour.contours.size, 0.5); // the panel itself is unchanged
  assert.throws(() => sideBySide("none", []), /no panels/);
});
