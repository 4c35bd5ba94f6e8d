import { test } from "node:test";
import assert from "node:assert/strict";
import Module from "node:module";
import { onTslabShutdown } from "./tslab-output";

test("outside tslab there is nothing to hook", () => {
  assert.equal(onTslabShutdown(() => {}), false);
});

test("hooks run once when tslab's server closes, before its own close", () => {
  const calls: string[] = [];
  class ZmqServer {
    close() { calls.push("tslab close"); }
  }
  const file = "/fake/node_modules/tslab/dist/jupyter.js";
  const fake = new Module(file);
  fake.exports = { ZmqServer };
  require.cache[file] = fake;
  try {
    assert.equal(onTslabShutdown(() => calls.push("hook 1")), true);
    assert.equal(onTslabShutdown(() => calls.push("hook 2")), true);
    new ZmqServer().close();
    new ZmqServer().close();
    assert.deepEqual(calls, ["hook 1", "hook 2", "tslab close", "tslab close"]);
  } finally {
    delete require.cache[file];
  }
});
