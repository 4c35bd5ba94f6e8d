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

test("every loaded copy of tslab is hooked: a global kernel hands over to the project's own", () => {
  const calls: string[] = [];
  const copies = ["/global/node_modules/tslab/dist/jupyter.js", "/project/node_modules/tslab/dist/jupyter.js"];
  const servers = copies.map((file) => {
    class ZmqServer {
      close() { calls.push(`close ${file.split("/")[1]}`); }
    }
    const fake = new Module(file);
    fake.exports = { ZmqServer };
    require.cache[file] = fake;
    return ZmqServer;
  });
  try {
    assert.equal(onTslabShutdown(() => calls.push("hook")), true);
    new servers[1]().close(); // only the project's copy runs the kernel
    assert.deepEqual(calls, ["hook", "close project"]);
  } finally {
    copies.forEach((file) => delete require.cache[file]);
  }
});
