import assert from "node:assert/strict";
import { test } from "node:test";
import { lttb } from "./lttb";

test("lttb keeps the ends, the requested count, and the order of x", () => {
  const x = Array.from({ length: 10_000 }, (_, i) => i);
  const y = x.map((v) => Math.sin(v / 300));
  const out = lttb(x, y, 500);
  assert.equal(out.x.length, 500);
  assert.deepEqual([out.x[0], out.x[499]], [0, 9999]);
  assert.ok(out.x.every((v, i) => i === 0 || v > out.x[i - 1]!), "x strictly increasing");
  assert.ok(out.x.every((v, i) => out.y[i] === y[v]), "every kept point is a real point");
});

test("lttb keeps a lone spike that striding would drop", () => {
  const x = Array.from({ length: 1000 }, (_, i) => i);
  const y = x.map((i) => (i === 517 ? 1e6 : 1));
  assert.ok(lttb(x, y, 50).y.includes(1e6));
  const strided = x.filter((i) => i % 20 === 0).map((i) => y[i]);
  assert.ok(!strided.includes(1e6), "the spike is between strides");
});

test("lttb picks the largest triangle in each bucket (worked by hand)", () => {
  // 5 points to 3: one bucket holding points 1..3, between the first point (0,0) and the last (4,0).
  // Triangle areas (doubled) with (0,0) and (4,0): |0*... - 0| = 4 * |y|, so the largest |y| wins: (2, -5).
  assert.deepEqual(lttb([0, 1, 2, 3, 4], [0, 1, -5, 2, 0], 3), { x: [0, 2, 4], y: [0, -5, 0] });
  assert.deepEqual(lttb([0, 1], [3, 4], 3), { x: [0, 1], y: [3, 4] }, "short series come back whole");
});
