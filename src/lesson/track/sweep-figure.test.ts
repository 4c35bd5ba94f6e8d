import assert from "node:assert/strict";
import { test } from "node:test";
import { sweepFigure, sweptParams } from "./sweep-figure";
import type { RunInfo } from "./types";

function info(name: string, lr: number, state: RunInfo["state"], valid?: number, reason?: string): RunInfo {
  return {
    id: name, name, project: "p", dir: "", createdAt: "", pid: 1, host: "h", metrics: {}, sweep: "s1",
    config: { optimizer: "sgd", lr }, state, records: 1, final: valid === undefined ? {} : { valid_loss: valid }, warnings: [],
    ...(reason ? { reason } : {}),
  };
}

test("sweepFigure plots final metric against the hyperparameter, failed runs as red crosses at the top", () => {
  const runs = [info("a", 1e-4, "finished", 7), info("b", 1e-3, "finished", 5), info("c", 1e-1, "failed", undefined, "diverged: the loss became Infinity"), info("d", 1e-2, "unfinished", 6)];
  assert.deepEqual(sweptParams(runs), ["lr"]);
  const figure = sweepFigure(runs, "lr", "valid_loss");
  assert.deepEqual(figure.data.map((t) => [t.name, t.x, t.y]), [
    ["finished", [1e-4, 1e-3], [7, 5]],
    ["running or unfinished", [1e-2], [6]],
    ["failed", [1e-1], [7]],
  ]);
  assert.match(String((figure.data[2].text as string[])[0]), /c: diverged: the loss became Infinity/);
  assert.equal((figure.layout.xaxis as { type: string }).type, "log", "rates spanning 1000x go on a log axis");
  assert.throws(() => sweepFigure([], "lr", "valid_loss"), /no runs/);
});

test("sweepFigure colours finished runs by other config keys when asked", () => {
  const runs = [info("a", 1e-3, "finished", 7), info("b", 1e-3, "finished", 5)];
  runs[0]!.config.schedule = "constant";
  runs[1]!.config.schedule = "linear";
  const figure = sweepFigure(runs, "lr", "valid_loss", { colorBy: "schedule" });
  assert.deepEqual(figure.data.map((t) => [t.name, t.y]), [["schedule=constant", [7]], ["schedule=linear", [5]]]);
});
