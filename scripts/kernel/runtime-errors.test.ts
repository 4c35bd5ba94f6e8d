import { test } from "node:test";
import assert from "node:assert/strict";
import { fullTraceHint, learnerTrace, parseFrame, type TraceContext } from "./runtime-errors";

/** Cells are files named "cell-N"; the line in the cell is the frame's line minus one. */
const context: TraceContext = {
  cellLine(f) {
    const m = /^cell-(\d)$/.exec(f.file);
    if (!m) return null;
    if (f.line === 9) return "tslab";
    return { cell: f.file, line: f.line - 1, code: `  code on ${f.line - 1}  `, current: m[1] === "2" };
  },
  isInternal: (file) => file.startsWith("node:") || file.includes("/node_modules/tslab/"),
  original: (f) => (f.file.endsWith("/dist/src/a.js") ? { file: "/repo/src/a.ts", line: f.line + 100, column: 1 } : null),
  shown: (file) => file.replace(/^\/repo\//, ""),
};

test("frames are parsed with and without a name, async, and without a position", () => {
  assert.deepEqual(parseFrame("    at new Dense (/x/dense.js:29:23)"), { name: "new Dense", isAsync: false, file: "/x/dense.js", line: 29, column: 23 });
  assert.deepEqual(parseFrame("    at async cell-1:3:4"), { name: "", isAsync: true, file: "cell-1", line: 3, column: 4 });
  assert.deepEqual(parseFrame("    at Array.map (<anonymous>)"), { name: "Array.map", isAsync: false, file: "<anonymous>", line: 0, column: 0 });
  assert.equal(parseFrame("RangeError: bad"), null);
});

test("the trace keeps the thrower, mapped library frames and cell lines; drops tslab, Node and what lies below", () => {
  const stack = [
    "/repo/node_modules/lib/x.js:1", // Node's note in front of an error thrown out of vm code
    "throw e;",
    "^",
    "",
    "RangeError: bad",
    "    at check (/repo/node_modules/lib/x.js:10:5)",
    "    at inner (/repo/node_modules/lib/y.js:20:5)",
    "    at outer (/repo/node_modules/lib/y.js:30:5)",
    "    at train (/repo/dist/src/a.js:5:1)",
    "    at Proxy.helper (cell-1:4:2)",
    "    at Array.map (<anonymous>)",
    "    at cell-2:3:9",
    "    at cell-2:3:20",
    "    at cell-2:9:3",
    "    at Script.runInThisContext (node:vm:1:1)",
    "    at Object.execute (/repo/node_modules/tslab/dist/executor.js:160:38)",
    "    at /repo/node_modules/other/z.js:1:1",
  ].join("\n");
  assert.equal(
    learnerTrace(stack, context),
    [
      "RangeError: bad",
      "    at check (node_modules/lib/x.js:10:5)",
      "    ... 2 more frames in lib",
      "    at train (src/a.ts:105:1)",
      "    at helper (line 3 of an earlier cell): code on 3",
      "    at line 2 of this cell: code on 2",
      `(5 frames of tslab and Node not shown; ${fullTraceHint} shows them)`,
    ].join("\n"),
  );
});

test("a trace with no cell frame keeps every frame outside tslab and Node", () => {
  const stack = "Error: late\n    at Timeout.tick (/repo/dist/src/a.js:7:3)\n    at listOnTimeout (node:internal/timers:1:1)";
  assert.equal(learnerTrace(stack, context), `Error: late\n    at Timeout.tick (src/a.ts:107:1)\n(1 frame of tslab and Node not shown; ${fullTraceHint} shows them)`);
});
