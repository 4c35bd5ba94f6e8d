import { test } from "node:test";
import assert from "node:assert/strict";
import { changedModules, mirroredSourceFingerprint } from "./mirrored-source";
import { VERIFIED_SOURCE } from "./verified-source";

test("the library source the engine mirrors is the source its contract tests verified", () => {
  const changed = changedModules(mirroredSourceFingerprint(), VERIFIED_SOURCE);
  assert.deepEqual(changed, [], `src/lesson/{${changed.join(",")}} changed since the engine was verified, so train() runs the TypeScript for them. ` +
    "If the engine still computes the same bits, run `npm run verify-engine` (the contract tests, then the fingerprint record) and commit src/engine/verified-source.ts; " +
    "otherwise change the engine to match first.");
});

test("changedModules names modules that differ, are missing or are new", () => {
  assert.deepEqual(changedModules({ a: "1", b: "2", c: "3" }, { a: "1", b: "x", d: "4" }), ["b", "c", "d"]);
});
