import { test } from "node:test";
import assert from "node:assert/strict";
import { checkFunction } from "./check-function";

const steps = Array.from({ length: 100 }, (_, i) => i + 1);
const stepDecay = (step: number) => (step <= 50 ? 1e-3 : step <= 75 ? 1e-4 : 1e-5);

test("a matching function passes at every input", () => {
  const r = checkFunction("your schedule", (s) => 1e-3 / 10 ** ((s > 50 ? 1 : 0) + (s > 75 ? 1 : 0)), stepDecay, steps, { print: false });
  assert.equal(r.ok, true, r.line);
  assert.equal(r.line, "exercise \u2713 your schedule matches the reference at all 100 inputs");
});

test("the first differing input is named with both values; a throw is reported", () => {
  const r = checkFunction("your schedule", (s) => (s < 50 ? 1e-3 : 1e-4), stepDecay, steps, { print: false });
  assert.deepEqual(r.first, { input: 50, learner: 1e-4, reference: 1e-3 });
  const t = checkFunction("f", () => { throw new Error("nope"); }, stepDecay, steps, { print: false });
  assert.equal(t.line, "exercise: waiting for your code: f threw at 1: nope");
  assert.equal(r.line, "exercise: waiting for your code: your schedule first differs from the reference at 50 (yours 0.0001, reference 0.001)");
});
