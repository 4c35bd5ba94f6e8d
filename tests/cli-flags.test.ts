/** Flags that used to be accepted and then ignored or misread: each is a usage error, exit 2, naming the flag. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runTrainCli } from "./cli-run";
import { parseDashboardFlags } from "../src/tools/cli/dashboard-flags";
import { sweepFromArgs } from "../src/tools/cli/sweep";

const ignoredBy: Array<[string, string, string]> = [
  ["sgd", "--weight-decay", "0.1"], ["sgd", "--momentum", "0.9"], ["sgd", "--beta1", "0.8"],
  ["momentum", "--eps", "1e-6"], ["adam", "--weight-decay", "0.1"], ["adam", "--momentum", "0.5"], ["adamw", "--momentum", "0.5"],
];
for (const [optimizer, flag, value] of ignoredBy) {
  test(`train --optimizer ${optimizer} ${flag}: refused, since that optimizer ignores it`, () => {
    const result = runTrainCli(["--optimizer", optimizer, flag, value, "--epochs", "1"]);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`^train: ${flag} is not used by --optimizer ${optimizer}`));
  });
}

test("sweep refuses a flag that none of its optimizers uses", () => {
  assert.throws(() => sweepFromArgs(["--optimizer", "sgd,momentum", "--weight-decay", "0,0.1"]), /--weight-decay is not used by --optimizer sgd or momentum/);
  assert.doesNotThrow(() => sweepFromArgs(["--optimizer", "sgd,adamw", "--weight-decay", "0,0.1"]));
});

test("train --name with only spaces is a usage error naming --name", () => {
  const result = runTrainCli(["--track", "p", "--name", "   ", "--epochs", "1"]);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /^train: --name must not be blank/);
});

test("dashboard --port takes decimal digits only", () => {
  for (const port of ["1e3", "0x10", "+80", "80.0"]) {
    assert.throws(() => parseDashboardFlags(["--port", port], {}), /--port must be (a whole number in decimal digits|a number \(like)/, port);
  }
  assert.equal(parseDashboardFlags(["--port", "8051"], {}).port, 8051);
});
