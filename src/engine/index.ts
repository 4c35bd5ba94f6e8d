import type { BatchRunner, Declined, FastPath, RunSetup } from "../lesson/train/fast-path";
import { registerFastPath } from "../lesson/train/fast-path";
import { fusedUpdate } from "./fused-update";
import { changedModules, mirroredSourceFingerprint } from "./mirrored-source";
import { NetworkPlan } from "./network-plan";
import { VERIFIED_SOURCE } from "./verified-source";

/**
 * The engine without the source check: what the contract tests (contract.test.ts) hold to
 * the lesson's bits. It takes runs whose layers are all library Dense layers and whose
 * optimizer is one of the library's; the whole network then runs in one wasm call per batch
 * and the optimizer step in one more, on copies of the parameters and the optimizer state in
 * wasm memory that `sync` writes back. Other runs are declined and the loop goes layer by
 * layer in TypeScript. Either way the numbers are the same, bit for bit, except on large
 * layers where the engine uses fused multiply-add (instance.ts): there within 1e-12.
 */
export const uncheckedEngine: FastPath = {
  reason: "the library source matches the source the engine's contract tests verified",
  prepare({ layers, optimizer, train, valid, batchSize }: RunSetup): BatchRunner | Declined {
    // A batch larger than the split is one full batch: allocate for the rows that exist.
    const plan = NetworkPlan.build(layers, Math.max(Math.min(batchSize, train.x.rows), valid.x.rows));
    if (!plan) return { declined: "a layer is not the library's Dense" };
    const update = fusedUpdate(optimizer, plan.parameters);
    if (!update) return { declined: "the optimizer is not exactly one of the library's (SGD, SGDMomentum, Adam, AdamW)" };
    const trainData = plan.load(train.x, train.y);
    const validData = plan.load(valid.x, valid.y);
    return {
      trainBatch(b) {
        const start = b * batchSize;
        const loss = plan.trainBatch(trainData, start, Math.min(batchSize, trainData.rows - start));
        update.step(batchSize);
        return loss;
      },
      validLoss: () => plan.loss(validData),
      sync() {
        plan.syncToLayers();
        update.sync();
      },
    };
  },
};

let sourceCheck: Declined | null | undefined;

/**
 * Why the engine must not run in this process, or null: the library modules it mirrors
 * differ from the ones its contract tests verified (a learner's edit, say). Checked once per
 * process; the first time it fails, one line on stderr says so.
 */
function staleSource(): Declined | null {
  if (sourceCheck === undefined) {
    const changed = changedModules(mirroredSourceFingerprint(), VERIFIED_SOURCE);
    sourceCheck = changed.length === 0 ? null : {
      declined: `src/lesson/{${changed.join(",")}} differ from the source the engine was verified on (npm run verify-engine re-verifies)`,
    };
    if (sourceCheck) console.warn(`optim-lesson: training runs the TypeScript, not the engine: ${sourceCheck.declined}`);
  }
  return sourceCheck;
}

/** The engine as the training loop's fast path: the unchecked engine, while the library source is the verified one. */
export const engine: FastPath = {
  reason: uncheckedEngine.reason,
  prepare: (run) => staleSource() ?? uncheckedEngine.prepare(run),
};

/**
 * Whether `train` uses the engine from now on (the package entry and the tools switch it on
 * once). useEngine(false) makes every run train in the TypeScript of src/lesson.
 */
export function useEngine(on = true): void {
  registerFastPath(on ? engine : null);
}
