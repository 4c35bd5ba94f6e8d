import type { BatchRunner, FastPath, RunSetup } from "../lesson/train/fast-path";
import { registerFastPath } from "../lesson/train/fast-path";
import { fusedUpdate } from "./fused-update";
import { NetworkPlan } from "./network-plan";

/**
 * The engine as the training loop's fast path. It takes runs whose layers are all library
 * Dense layers and whose optimizer is one of the library's; the whole network then runs in
 * one wasm call per batch and the optimizer step in one more, on copies of the parameters and
 * the optimizer state in wasm memory that `sync` writes back. Any other run gets null, and the
 * loop goes layer by layer in TypeScript. Either way the numbers are the same, bit for bit, except
 * on large layers where the engine uses fused multiply-add (instance.ts): there within 1e-12.
 */
export const engine: FastPath = {
  prepare({ layers, optimizer, train, valid, batchSize }: RunSetup): BatchRunner | null {
    // A batch larger than the split is one full batch: allocate for the rows that exist.
    const plan = NetworkPlan.build(layers, Math.max(Math.min(batchSize, train.x.rows), valid.x.rows));
    const update = plan && fusedUpdate(optimizer, plan.parameters);
    if (!plan || !update) return null;
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

/** Make `train` use the engine from now on (the package entry and the tools call this once). */
export function useEngine(): void {
  registerFastPath(engine);
}
