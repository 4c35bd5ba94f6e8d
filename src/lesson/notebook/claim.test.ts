import { test } from "node:test";
import assert from "node:assert/strict";
import { claim, claimLine } from "./claim";

test("a claim line says whether it holds and shows its values", () => {
  assert.equal(claimLine("1e-3 ends below 1e-4", true, { "lr 1e-3": 6.31173, "lr 1e-4": 6.029, runs: 4 }), "\u2713 1e-3 ends below 1e-4 (lr 1e-3 6.312, lr 1e-4 6.029, runs 4)");
  assert.equal(claimLine("all units active", false, { active: "23 of 25" }), "\u2717 all units active (active 23 of 25)");
  assert.equal(claimLine("plain", true), "\u2713 plain");
});

test("claim prints its line and does not throw when the sentence is false", () => {
  const printed: string[] = [];
  const log = console.log;
  console.log = (s: string) => printed.push(s);
  try {
    claim("false things are reported", false, { x: 1e-4 });
  } finally {
    console.log = log;
  }
  assert.deepEqual(printed, ["\u2717 false things are reported (x 1e-4)"]);
});
