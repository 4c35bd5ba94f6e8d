import { test } from "node:test";
import assert from "node:assert/strict";
import { NumpyRandom } from "./random";

// Reference values printed by numpy: np.random.seed(s); np.random.rand(n).tolist()
test("seed 0 gives numpy's first draws", () => {
  const rng = new NumpyRandom(0);
  assert.deepEqual(Array.from(rng.randomArray(3)), [0.5488135039273248, 0.7151893663724195, 0.6027633760716439]);
});

test("seed 12345 gives numpy's first draws", () => {
  const rng = new NumpyRandom(12345);
  assert.deepEqual([rng.random(), rng.random()], [0.9296160928171479, 0.3163755545817859]);
});

test("re-seeding restarts the sequence, across the 624-word refill", () => {
  const rng = new NumpyRandom(7);
  const first = rng.randomArray(700);
  rng.seed(7);
  assert.deepEqual(rng.randomArray(700), first);
  assert.ok(first.every((v) => v >= 0 && v < 1));
});

test("rejects seeds numpy would reject", () => {
  assert.throws(() => new NumpyRandom(-1), /seed must be an integer in \[0, 2\^32\), got -1/);
  assert.throws(() => new NumpyRandom(1.5), /got 1.5/);
});
