import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { keepFailedCopy } from "./failed-copy";

test("a failed notebook's copy goes to a fresh private folder, never through a planted symlink", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "failed-copy-test-"));
  const notebook = path.join(work, `02-dense-layer-${process.pid}.ipynb`);
  const partial = path.join(work, `.${path.basename(notebook)}.running`);
  fs.writeFileSync(partial, "partial notebook");
  const victim = path.join(work, "victim");
  fs.writeFileSync(victim, "precious");
  const planted = path.join(os.tmpdir(), `failed-${path.basename(notebook)}`);
  fs.symlinkSync(victim, planted);
  try {
    const first = keepFailedCopy(partial, notebook);
    const second = keepFailedCopy(partial, notebook);
    assert.equal(fs.readFileSync(victim, "utf8"), "precious", "the symlink's target is untouched");
    assert.notEqual(path.dirname(first), path.dirname(second), "each copy has a folder of its own");
    for (const copy of [first, second]) {
      assert.equal(fs.readFileSync(copy, "utf8"), "partial notebook");
      assert.equal(path.basename(copy), path.basename(notebook));
      assert.equal(fs.statSync(path.dirname(copy)).mode & 0o777, 0o700, "the folder is private");
      fs.rmSync(path.dirname(copy), { recursive: true });
    }
  } finally {
    fs.rmSync(planted);
    fs.rmSync(work, { recursive: true });
  }
});
