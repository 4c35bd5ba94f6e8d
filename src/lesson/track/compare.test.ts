import assert from "node:assert/strict";
import { test } from "node:test";
import { tableBundle } from "../notebook/table";
import { comparisonFigure, comparisonTable, sweepFigure, sweptParams } from "./compare";
import type { LoadedRun, RunInfo } from "./types";

/** A run in memory, as loadRun returns it. */
function run(id: string, name: string, batchSize: number, history: Array<Record<string, number>>): LoadedRun {
  const final: Record<string, number> = {};
  for (const record of history) Object.assign(final, record);
  return {
    id, name, project: "optimizers", dir: `/runs/optimizers/${id}`, createdAt: "2024-01-01T00:00:00Z", pid: 1, host: "h",
    config: { batch_size: batchSize, lr: 1e-4, optimizer: "SGD" }, state: "finished", records: history.length, final, warnings: [],
    metrics: { batch_step: {}, epoch: {}, running_loss: { stepMetric: "batch_step" }, valid_loss: { stepMetric: "epoch" } },
    history,
  };
}

const small = run("a1", "sgd-bs4", 4, [
  { running_loss: 9, batch_step: 4 }, { running_loss: 8, batch_step: 8 }, { epoch: 0, valid_loss: 6.51234 },
]);
const large = run("b2", "sgd-bs32", 32, [{ running_loss: 9.5, batch_step: 32 }, { epoch: 0, valid_loss: 6.02 }]);

test("comparisonFigure overlays each metric of each run on the metric's step axis", () => {
  const figure = comparisonFigure([small, large], ["running_loss", "valid_loss"]);
  assert.deepEqual(
    figure.data.map((t) => [t.name, t.x, t.y, t.xaxis, t.yaxis, t.showlegend]),
    [
      ["sgd-bs4", [4, 8], [9, 8], "x", "y", true],
      ["sgd-bs32", [32], [9.5], "x", "y", true],
      ["sgd-bs4", [0], [6.51234], "x2", "y2", false],
      ["sgd-bs32", [0], [6.02], "x2", "y2", false],
    ],
  );
  const layout = figure.layout as Record<string, { title: { text: string } }>;
  assert.deepEqual([layout.xaxis.title.text, layout.yaxis.title.text], ["batch_step", "running_loss"]);
  assert.deepEqual([layout.xaxis2.title.text, layout.yaxis2.title.text], ["epoch", "valid_loss"]);
  assert.equal((figure.layout.yaxis as { type: string }).type, "linear");
  assert.equal((comparisonFigure([small], ["valid_loss"], { logY: true }).layout.yaxis as { type: string }).type, "log");
  assert.equal(figure.data[0].line && (figure.data[0].line as { color: string }).color, (figure.data[2].line as { color: string }).color, "a run keeps its colour across panels");
});

test("comparisonFigure tells apart runs that share a name, and refuses empty picks", () => {
  const twin = { ...large, id: "c3", name: "sgd-bs4" };
  assert.deepEqual(comparisonFigure([small, twin], ["valid_loss"]).data.map((t) => t.name), ["sgd-bs4 (a1)", "sgd-bs4 (c3)"]);
  assert.throws(() => comparisonFigure([], ["valid_loss"]), /pick at least one run/);
  assert.throws(() => comparisonFigure([small], []), /pick at least one metric/);
});

test("comparisonTable lists config and final metrics, leaving out pure step axes", () => {
  const table = comparisonTable([small, large]);
  assert.deepEqual(table.columns, ["run", "state", "batch_size", "lr", "optimizer", "running_loss", "valid_loss"]);
  assert.deepEqual({ ...table.rows[0] }, { run: "sgd-bs4", state: "finished", batch_size: 4, lr: 1e-4, optimizer: "SGD", running_loss: 8, valid_loss: 6.51234 });
});

test("the comparison table shows in a notebook like any table: text escaped, numbers rounded", () => {
  const { html } = tableBundle(comparisonTable([{ ...small, name: "<b>bs4</b>" }]).rows, { digits: 4 });
  assert.match(html, /<th>run<\/th><th>state<\/th><th>batch_size<\/th>/);
  assert.match(html, /<td>&lt;b&gt;bs4&lt;\/b&gt;<\/td>/);
  assert.match(html, /<td>6\.512<\/td>/);
  assert.match(html, /<td>0\.0001<\/td>/);
});

test("comparisonFigure downsamples long traces, and a zoomed panel gets its detail back", () => {
  const history = Array.from({ length: 100_000 }, (_, i) => ({ running_loss: 10 + Math.sin(i / 50), batch_step: i }));
  const long = run("l1", "long", 4, history);
  const [trace] = comparisonFigure([long], ["running_loss"], { maxPoints: 2000 }).data;
  assert.equal((trace.x as number[]).length, 2000);
  assert.deepEqual([(trace.x as number[])[0], (trace.x as number[])[1999]], [0, 99_999]);
  const [zoomed] = comparisonFigure([long], ["running_loss"], { maxPoints: 2000, zoom: { metric: "running_loss", x0: 500, x1: 1499 } }).data;
  assert.deepEqual(zoomed.x, Array.from({ length: 1002 }, (_, i) => 499 + i), "every point in range, plus one each side");
  assert.equal((comparisonFigure([long], ["running_loss"]).data[0].x as number[]).length, 100_000, "no maxPoints: every point");
});

test("a zoom onto exactly maxPoints points shows them all; its two edge neighbours do not count against the cap", () => {
  const history = Array.from({ length: 10_000 }, (_, i) => ({ running_loss: 10 + Math.sin(i / 50), batch_step: i }));
  const long = run("l1", "long", 4, history);
  for (const [x0, x1, inRange] of [[1000, 2999, 2000], [0, 1999, 2000], [1000, 3999, 2000]] as const) {
    const [zoomed] = comparisonFigure([long], ["running_loss"], { maxPoints: 2000, zoom: { metric: "running_loss", x0, x1 } }).data;
    const xs = zoomed.x as number[];
    assert.equal(xs.filter((x) => x >= x0 && x <= x1).length, inRange, `zoom ${x0}..${x1}`);
    assert.equal(xs.length, inRange + (x0 > 0 ? 1 : 0) + 1, "plus one neighbour each side that has one");
  }
});

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
