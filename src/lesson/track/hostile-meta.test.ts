import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { initRun } from "./run";
import { listRuns, loadRun, loadRuns } from "./reader";
import { comparisonTable, sweepFigure, sweptParams } from "./compare";
import { metricSeries, plottableMetrics } from "./series";
import { tempRunsDir } from "./fixtures/temp-runs-dir";

/** A project with one good run and one whose run.json (or summary.json) is replaced by `text`. */
function projectWith(file: "run.json" | "summary.json", text: string) {
  const dir = tempRunsDir();
  const good = initRun({ dir, project: "p", name: "good", config: { lr: 0.1 } });
  good.log({ loss: 1 });
  good.finish();
  const bad = initRun({ dir, project: "p", name: "bad", config: { lr: 0.2 } });
  bad.log({ loss: 2 });
  bad.finish();
  fs.writeFileSync(path.join(bad.dir, file), text);
  return { dir, good, bad };
}

const deep = (n: number) => `{"id":"x","name":"deep","config":${"[".repeat(n)}${"]".repeat(n)},"metrics":{}}`;
const hostile: Array<[string, "run.json" | "summary.json", string]> = [
  ["a config nested 5,000 deep", "run.json", deep(5000)],
  ["an object nested 5,000 deep", "run.json", `{"name":"obj","config":{"a":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}}`],
  ["a null metric definition", "run.json", `{"name":"nullmetric","config":{},"metrics":{"valid_loss":null}}`],
  ["a metric definition of the wrong type", "run.json", `{"name":"m","config":{},"metrics":{"loss":{"stepMetric":7},"x":"y","z":[1]}}`],
  ["a name that is an object", "run.json", `{"name":{"a":1},"config":[],"metrics":[]}`],
  ["final values that are not numbers", "summary.json", `{"finishedAt":"2020","records":1,"final":{"loss":null,"acc":"x","n":{"a":1}}}`],
  ["records that is not a count", "summary.json", `{"finishedAt":"2020","records":-1e309,"final":{}}`],
  ["a deeply nested final", "summary.json", `{"finishedAt":"2020","records":1,"final":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`],
];

for (const [what, file, text] of hostile) {
  test(`${what} in ${file}: that run lists as one damaged row, its neighbours unharmed`, () => {
    const { dir, bad } = projectWith(file, text);
    const warnings: string[] = [];
    const runs = listRuns("p", { dir, warn: (w) => warnings.push(w) });
    assert.deepEqual(runs.map((r) => r.id).sort(), [runs[0]!.id, runs[1]!.id].sort());
    assert.equal(runs.length, 2);
    const damaged = runs.find((r) => r.id === bad.id)!;
    assert.ok(damaged.warnings.length > 0, "the damaged run says what is wrong");
    assert.ok(warnings.some((w) => w.includes(bad.id)), warnings.join("\n"));
    const loaded = loadRuns("p", { dir, warn: () => {} });
    assert.equal(loaded.length, 2);
    for (const run of loaded) {
      for (const value of Object.values(run.final)) assert.equal(typeof value, "number");
      for (const definition of Object.values(run.metrics)) {
        assert.equal(typeof definition, "object");
        assert.ok(definition.stepMetric === undefined || typeof definition.stepMetric === "string");
      }
      for (const metric of plottableMetrics(run)) metricSeries(run, metric);
      assert.equal(typeof run.name, "string");
      assert.ok(Number.isInteger(run.records) && run.records >= 0);
    }
    const table = comparisonTable(runs);
    assert.equal(table.rows.length, 2);
    JSON.stringify(table);
    sweptParams(runs);
    sweepFigure(runs, "lr", "loss");
    assert.equal(loadRun("p", bad.id, { dir, warn: () => {} }).id, bad.id);
  });
}

test("config keys and metric names that objects inherit read as absent when absent", () => {
  const dir = tempRunsDir();
  const a = initRun({ dir, project: "p", name: "a", config: { lr: 0.1 } });
  a.log({ loss: 1 });
  a.finish();
  const b = initRun({ dir, project: "p", name: "b", config: JSON.parse('{"__proto__": 3, "constructor": 4}') });
  b.log({ constructor: 2, toString: 3 });
  b.finish();
  const runs = listRuns("p", { dir, warn: assert.fail });
  const first = runs.find((r) => r.name === "a")!;
  for (const key of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
    assert.equal(first.config[key], undefined, `config.${key}`);
    assert.equal(first.final[key], undefined, `final.${key}`);
    assert.equal(first.metrics[key], undefined, `metrics.${key}`);
  }
  const second = runs.find((r) => r.name === "b")!;
  assert.deepEqual([second.config.__proto__, second.config.constructor], [3, 4]);
  const table = comparisonTable(runs);
  const rowA = table.rows.find((r) => r.run === "a")!;
  assert.deepEqual([rowA.__proto__, rowA.constructor, rowA.toString], [null, null, null]);
  const figure = sweepFigure(runs, "__proto__", "loss");
  assert.ok(!JSON.stringify(figure).includes("[object Object]"));
});
