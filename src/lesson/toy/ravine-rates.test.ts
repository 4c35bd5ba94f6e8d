import { test } from "node:test";
import assert from "node:assert/strict";
import { SGD } from "../optim/sgd";
import { SGDMomentum } from "../optim/momentum";
import { followPath, makeRavine } from "./ravine";
import { momentumFactor, ravineCurvature, stepsToReach } from "./ravine-rates";

const ravine = makeRavine();
const curvature = ravineCurvature(ravine);

test("the best rates: SGD's 2 / (largest + smallest) and the heavy ball's pair, from the eigenvalues", () => {
  const { largest, smallest } = ravine.eigenvalues;
  assert.equal(curvature.stableLr, 2 / largest);
  assert.ok(Math.abs(curvature.sgd.lr - 2 / (largest + smallest)) < 1e-15);
  const rootKappa = Math.sqrt(largest / smallest);
  assert.ok(Math.abs(curvature.momentum.momentum - ((rootKappa - 1) / (rootKappa + 1)) ** 2) < 1e-15);
  assert.ok(Math.abs(curvature.momentum.lr - 4 / (Math.sqrt(largest) + Math.sqrt(smallest)) ** 2) < 1e-15);
});

test("each optimizer's error shrinks per step by the factor the eigen analysis predicts", () => {
  // The distance to the minimum, per step, between steps `from` and `to` (after the start-up
  // transient, before rounding error). Tuned momentum is critically damped, so its error is
  // about k * rate^k: over steps 20..60 the measured factor is rate * 3^(1/40), 3% above rate.
  const factor = (path: [number, number][], from: number, to: number) => {
    const d = (k: number) => Math.hypot(path[k]![0] - 1, path[k]![1] - 2);
    return (d(to) / d(from)) ** (1 / (to - from));
  };
  const sgd = factor(followPath(ravine, new SGD({ lr: curvature.sgd.lr }), 200), 100, 200);
  const heavyBall = factor(followPath(ravine, new SGDMomentum(curvature.momentum), 60), 20, 60);
  assert.ok(Math.abs(sgd - curvature.sgd.rate) < 0.01, `SGD ${sgd} vs ${curvature.sgd.rate}`);
  assert.ok(Math.abs(heavyBall - curvature.momentum.rate * 3 ** (1 / 40)) < 0.02, `momentum ${heavyBall} vs ${curvature.momentum.rate}`);
});

test("tuned momentum reaches a loss target in several times fewer steps than the best plain SGD", () => {
  const target = 1e-8 * ravine.loss(-2, 4.5); // followPath's start
  const sgd = stepsToReach(followPath(ravine, new SGD({ lr: curvature.sgd.lr }), 1000), ravine.loss, target);
  const heavyBall = stepsToReach(followPath(ravine, new SGDMomentum(curvature.momentum), 1000), ravine.loss, target);
  assert.ok(sgd !== null && heavyBall !== null);
  assert.ok(sgd / heavyBall > 4, `SGD ${sgd} steps, momentum ${heavyBall}`);
  assert.equal(stepsToReach([[0, 0]], () => 1, 0.5), null);
});

test("momentumFactor: 0.9 at lr 0.9 is underdamped in both directions; the tuned pair is critically damped", () => {
  for (const lambda of [curvature.lambdaMin, curvature.lambdaMax]) {
    const loose = momentumFactor(0.9, 0.9, lambda);
    assert.equal(loose.damping, "underdamped");
    assert.ok(Math.abs(loose.factor - Math.sqrt(0.9)) < 1e-12);
    const tuned = momentumFactor(curvature.momentum.lr, curvature.momentum.momentum, lambda);
    assert.equal(tuned.damping, "critically damped");
    assert.ok(Math.abs(tuned.factor - curvature.momentum.rate) < 1e-6);
  }
  // mu = 0 is plain gradient descent: one real root, 1 - lr * lambda.
  assert.deepEqual(momentumFactor(0.5, 0, 1), { factor: 0.5, damping: "overdamped" });
});
