import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { assembleKernels, bytesPath } from "./assemble";

test("the committed kernel bytes are kernels.wat assembled (rebuild: npm run kernels)", async () => {
  assert.equal(fs.readFileSync(bytesPath, "utf8"), await assembleKernels());
});
