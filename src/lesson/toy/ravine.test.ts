import { test } from "node:test";
import assert from "node:assert/strict";
import { SGD } from "../optim/sgd";
import { SGDMomentum } from "../optim/momentum";
import { followPath, makeRavine } from "./ravine";

const ravine = makeRavine();

test("the ravine of chapters 7 and 9: correlation 0.949, minimum (1, 2) with loss 0", () => {
  assert.equal(ravine.correlation.toFixed(3), "0.949");
  assert.ok(ravine.loss(1, 2) < 1e-25);
  assert.ok(ravine.loss(-2, 4.5) > 1);
});

test("the eigenvalues are 1 + r and 1 - r, and plain gradient descent is stable just below lr = 2 / largest", () => {
  const { largest, smallest, condition } = ravine.eigenvalues;
  assert.ok(Math.abs(largest - (1 + ravine.correlation)) < 1e-12);
  assert.ok(Math.abs(smallest - (1 - ravine.correlation)) < 1e-12);
  assert.ok(Math.abs(condition - largest / smallest) < 1e-12);
  const limit = 2 / largest;
  const end = (lr: number) => followPath(ravine, new SGD({ lr }), 200).at(-1)!;
  assert.ok(ravine.loss(...end(0.98 * limit)) < ravine.loss(-2, 4.5), "converges below the limit");
  assert.ok(ravine.loss(...end(1.02 * limit)) > 1e3, "diverges above it");
});

test("paths start at (-2, 4.5) and hold steps + 1 points; the chapter's 30-step numbers", () => {
  const sgd = followPath(ravine, new SGD({ lr: 0.9 }));
  const momentum = followPath(ravine, new SGDMomentum({ lr: 0.9, momentum: 0.9 }));
  assert.equal(sgd.length, 31);
  assert.deepEqual(sgd[0], [-2, 4.5]);
  assert.equal(ravine.loss(...sgd[30]!).toFixed(4), "0.0467");
  assert.equal(ravine.loss(...momentum[30]!).toFixed(3), "0.033");
});
