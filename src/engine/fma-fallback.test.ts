import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { NumpyRandom } from "../lesson/math/random";
import { denseCase } from "./dense-case";
import { instantiateKernels } from "./instance";
import { backwardScratchLength } from "./layout";
import { allocateFloat64 } from "./memory";

/**
 * Where relaxed SIMD is unavailable the engine loads its plain module, whose large-layer
 * products are bit for bit the TypeScript loops' (only the fused multiply-add module is allowed
 * to differ, within 1e-12).
 */
test("the plain kernels (the fallback without relaxed SIMD) give the lesson's Dense bit for bit on large layers", () => {
  const plain = instantiateKernels(false);
  const rng = new NumpyRandom(11);
  const random = (n: number) => rng.randomArray(n).map((v) => v * 2 - 1);
  for (const [n, k, m] of [[32, 256, 128], [13, 67, 65], [9, 130, 33]] as const) {
    for (const relu of [true, false]) {
      const { expected, input: i, result: r } = denseCase(n, k, m, relu, random);
      plain.denseForward(i.x.byteOffset, i.w.byteOffset, i.b.byteOffset, r.out.byteOffset, n, k, m, relu ? 1 : 0);
      assert.deepEqual(r.out, expected.out);
      const scratch = allocateFloat64(backwardScratchLength(n, k, m));
      plain.denseBackward(i.x.byteOffset, r.out.byteOffset, i.grad.byteOffset, r.masked.byteOffset, i.w.byteOffset, r.wGrad.byteOffset,
        r.bGrad.byteOffset, r.xGrad.byteOffset, scratch.byteOffset, n, k, m, relu ? 1 : 0, 1);
      assert.deepEqual(r.wGrad, expected.wGrad);
      assert.deepEqual(r.bGrad, expected.bGrad);
      assert.deepEqual(r.xGrad, expected.xGrad);
    }
  }
});

test("without relaxed SIMD the engine loads the plain kernels, and its tests hold bit for bit", () => {
  // --no-experimental-wasm-relaxed-simd on the command line: instance.ts leaves the flag alone and
  // finds the fused multiply-add module invalid, as on a Node without relaxed SIMD. A Node that no
  // longer knows the flag gets ENGINE_NO_FMA=1 instead, which asks for the plain module.
  const dir = __dirname;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_TEST_CONTEXT: undefined }; // a test run of its own
  const instance = JSON.stringify(path.join(dir, "instance.js"));
  let args = ["--no-experimental-wasm-relaxed-simd"];
  let probe = spawnSync(process.execPath, [...args, "-p", `require(${instance}).kernelsFma`], { encoding: "utf8", env });
  if (probe.status !== 0 && /bad option/.test(probe.stderr)) {
    args = [];
    env.ENGINE_NO_FMA = "1";
    probe = spawnSync(process.execPath, ["-p", `require(${instance}).kernelsFma`], { encoding: "utf8", env });
  }
  assert.equal(probe.stdout.trim(), "false", probe.stderr);
  const run = spawnSync(process.execPath, [
    ...args, "--test", "--test-reporter=tap", path.join(dir, "kernels.test.js"), path.join(dir, "network-plan.test.js"),
  ], { encoding: "utf8", env });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  // TAP named explicitly: the default reporter's summary differs between Node versions.
  assert.match(run.stdout, /^# fail 0$/m);
  assert.match(run.stdout, /^# pass [1-9]/m);
  assert.doesNotMatch(run.stdout, /to within 1e-12 \(fused multiply-add\)/, "with the plain kernels every shape is compared bit for bit");
});
