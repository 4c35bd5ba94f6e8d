import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { formatProgress, notebookProgress } from "./progress";
import type { Progress } from "../train/hooks";
import type { DisplayMessage } from "./tslab-output";

const tslabJupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
afterEach(() => {
  tslabJupyter.lastWriteDisplayData = null;
});

/** Progress at `step` of a 10-epoch run with 4 batches per epoch. */
function at(step: number, runningLoss = 9.41234): Progress {
  return { epoch: Math.floor((step - 1) / 4), epochs: 10, batch: ((step - 1) % 4) + 1, batches: 4, step, totalSteps: 40, runningLoss };
}

test("the line shows the 1-based epoch, a bar of overall progress and the loss to 4 digits", () => {
  // step 10 of 40 = a quarter: 5 of 20 bar cells filled; step 10 is in epoch index 2.
  assert.equal(formatProgress(at(10)), "epoch 3/10 [#####...............] loss 9.412");
  assert.equal(formatProgress(at(40, 0.05)), "epoch 10/10 [####################] loss 0.05");
  assert.equal(formatProgress(at(1, NaN)), "epoch 1/10 [#...................] loss NaN");
});

test("in tslab: one named output, redrawn at most every interval, always at the last step", () => {
  const calls: Array<{ message: DisplayMessage; update: boolean }> = [];
  tslabJupyter.lastWriteDisplayData = (message: DisplayMessage, update: boolean) => calls.push({ message, update });
  let clock = 0;
  const report = notebookProgress({ intervalMs: 100, now: () => clock });
  for (let step = 1; step <= 40; step++) {
    report(at(step));
    clock += 30; // steps at t = 0, 30, 60, ...: drawn at 0, 120, 240, ... and at the end
  }
  const drawnSteps = calls.map((c) => /epoch (\d+)/.exec(String(c.message.data["text/plain"]))![1]);
  assert.equal(calls.length, 11); // t = 0,120,...,1080 (steps 1,5,...,37) plus step 40
  assert.equal(calls[0].update, false);
  assert.ok(calls.slice(1).every((c) => c.update));
  const ids = new Set(calls.map((c) => c.message.transient?.display_id));
  assert.equal(ids.size, 1);
  assert.equal(drawnSteps.at(-1), "10");
  assert.match(String(calls.at(-1)!.message.data["text/plain"]), /\[#{20}\]/);
});

test("outside tslab: rewrites one terminal line with \\r and ends it with a newline", () => {
  let written = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      written += chunk;
      done();
    },
  });
  const report = notebookProgress({ intervalMs: 1000, now: () => 0, stream });
  for (let step = 1; step <= 40; step++) report(at(step));
  assert.equal(written, `\r${formatProgress(at(1))}\r${formatProgress(at(40))}\n`);
});
