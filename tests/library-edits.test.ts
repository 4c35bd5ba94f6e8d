import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { repoRoot } from "../src/lesson/paths";

/**
 * A learner's edit to the library is what trains: copies of src/ with SGD's step, Adam's
 * first moment or Dense's ReLU changed, each compiled with tsc, train on the TypeScript
 * and give other numbers than the unedited copy, which trains on the engine.
 */
interface Edit {
  file: string;
  from: string;
  to: string;
}

const edits: Record<string, Edit> = {
  sgd: { file: "src/lesson/optim/sgd.ts", from: "p[i]! += -lr * g[i]!;", to: "p[i]! += -3 * lr * g[i]!;" },
  adam: { file: "src/lesson/optim/adam.ts", from: "const mHat = m[i]! / correction1;", to: "const mHat = (2 * m[i]!) / correction1;" },
  dense: { file: "src/lesson/nn/dense.ts", from: "this.activation && !(z > 0) ? 0 : z;", to: "this.activation && !(z > 0) ? 0.01 * z : z;" },
};

// Trains a fresh network with SGD and with Adam through the package entry's engine switch.
const probe = `
import { useEngine } from "./src/engine";
import { loadHousePrices } from "./src/lesson/data/house-prices";
import { createNetwork } from "./src/lesson/nn/network";
import { Adam } from "./src/lesson/optim/adam";
import { SGD } from "./src/lesson/optim/sgd";
import { train } from "./src/lesson/train/train";
useEngine();
const data = loadHousePrices();
const runs = [new SGD({ lr: 1e-4 }), new Adam({ lr: 1e-3 })].map((optimizer) => {
  const result = train({ layers: createNetwork(), optimizer, train: data.train, valid: data.valid, batchSize: 32, epochs: 2 });
  return { path: result.path, reason: result.pathReason, losses: result.epochs.map((e) => [e.train_loss, e.valid_loss]) };
});
console.log(JSON.stringify(runs));
`;

interface ProbeRun {
  path: string;
  reason: string;
  losses: number[][];
}

function buildAndTrain(edit: Edit | null): { sgd: ProbeRun; adam: ProbeRun; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "library-edit-"));
  try {
    cpSync(path.join(repoRoot, "src"), path.join(dir, "src"), { recursive: true });
    symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
    symlinkSync(path.join(repoRoot, "data"), path.join(dir, "data"));
    if (edit) {
      const file = path.join(dir, edit.file);
      const source = readFileSync(file, "utf8");
      assert.ok(source.includes(edit.from), `${edit.file} no longer contains "${edit.from}": update this test's edit`);
      writeFileSync(file, source.replace(edit.from, edit.to));
    }
    writeFileSync(path.join(dir, "probe.ts"), probe);
    const { compilerOptions } = JSON.parse(readFileSync(path.join(repoRoot, "tsconfig.json"), "utf8"));
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, incremental: false, tsBuildInfoFile: undefined }, include: ["probe.ts", "src/**/*.ts"], exclude: ["src/compiled.d.ts", "src/**/*.test.ts"] }));
    // The compiler `npm run build` uses, so that unedited modules compile to the verified bytes.
    const tsc = spawnSync(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", dir], { encoding: "utf8" });
    assert.equal(tsc.status, 0, `tsc failed:\n${tsc.stdout}${tsc.stderr}`);
    const run = spawnSync(process.execPath, [path.join(dir, "dist", "probe.js")], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const [sgd, adam] = JSON.parse(run.stdout) as ProbeRun[];
    return { sgd: sgd!, adam: adam!, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const unedited = buildAndTrain(null);

test("the unedited library trains on the engine, silently", () => {
  assert.equal(unedited.sgd.path, "engine", unedited.sgd.reason);
  assert.equal(unedited.adam.path, "engine", unedited.adam.reason);
  assert.equal(unedited.stderr, "");
});

for (const [name, edit] of Object.entries(edits)) {
  test(`an edit of ${edit.file} trains on the TypeScript, says why once, and changes the numbers it should`, () => {
    const edited = buildAndTrain(edit);
    const module = edit.file.replace(/^src\/lesson\//, "").replace(/\.ts$/, "");
    for (const run of [edited.sgd, edited.adam]) {
      assert.equal(run.path, "typescript");
      assert.match(run.reason, new RegExp(`src/lesson/\\{${module}\\} differ`));
    }
    const notices = edited.stderr.trim().split("\n");
    assert.equal(notices.length, 1, edited.stderr);
    assert.match(notices[0]!, /^optim-lesson: training runs the TypeScript, not the engine: /);
    const changesSgd = name !== "adam";
    const changesAdam = name !== "sgd";
    // An untouched optimizer on the TypeScript path gives the engine's bits exactly.
    const sameAs = (edited: ProbeRun, original: ProbeRun) => JSON.stringify(edited.losses) === JSON.stringify(original.losses);
    assert.equal(sameAs(edited.sgd, unedited.sgd), !changesSgd, "SGD's losses");
    assert.equal(sameAs(edited.adam, unedited.adam), !changesAdam, "Adam's losses");
  });
}
