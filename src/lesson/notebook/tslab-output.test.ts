import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { DisplayMessage, displayOutput, inTslab } from "./tslab-output";

// The real tslab module: when a cell runs, tslab stores the cell's writer here. Tests put a fake
// writer in its place, which also checks the private name we rely on still exists.
const tslabJupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };

function fakeWriter(): { calls: Array<{ message: DisplayMessage; update: boolean }> } {
  const calls: Array<{ message: DisplayMessage; update: boolean }> = [];
  tslabJupyter.lastWriteDisplayData = (message: DisplayMessage, update: boolean) => calls.push({ message, update });
  return { calls };
}

afterEach(() => {
  tslabJupyter.lastWriteDisplayData = null;
});

test("tslab still keeps the cell's display writer in lastWriteDisplayData", () => {
  assert.ok("lastWriteDisplayData" in tslabJupyter);
});

test("outside a kernel nothing is displayed", () => {
  assert.equal(inTslab(), false);
  assert.equal(displayOutput({ "text/plain": "x" }), false);
});

test("one display_data message carries every MIME type", () => {
  const { calls } = fakeWriter();
  assert.equal(inTslab(), true);
  assert.equal(displayOutput({ "text/plain": "hi", "text/html": "<b>hi</b>" }), true);
  assert.deepEqual(calls, [{ message: { data: { "text/plain": "hi", "text/html": "<b>hi</b>" }, metadata: {} }, update: false }]);
});

test("a named output is created, then updated in place", () => {
  const { calls } = fakeWriter();
  displayOutput({ "text/plain": "1" }, { displayId: "p" });
  displayOutput({ "text/plain": "2" }, { displayId: "p", update: true });
  assert.deepEqual(
    calls.map((c) => [c.message.transient, c.update, c.message.data["text/plain"]]),
    [
      [{ display_id: "p" }, false, "1"],
      [{ display_id: "p" }, true, "2"],
    ],
  );
});

test("an update without a display id is refused", () => {
  fakeWriter();
  assert.throws(() => displayOutput({ "text/plain": "x" }, { update: true }), /displayId/);
});
