import { Matrix } from "../lesson/math/matrix";
import { Adam } from "../lesson/optim/adam";
import { AdamW } from "../lesson/optim/adamw";
import { SGDMomentum } from "../lesson/optim/momentum";
import type { Optimizer } from "../lesson/optim/optimizer";
import { SGD } from "../lesson/optim/sgd";
import { adamNetwork, momentumNetwork, sgdNetwork, type Table } from "./kernels";
import { PARAMETER_FIELDS, writeRecord } from "./layout";
import { allocateInt32, copyToWasm } from "./memory";
import type { PlanParameter } from "./network-plan";
import { pow } from "../lesson/math/pow";

/** A library optimizer's step for every parameter of a plan in one wasm call. */
export interface FusedUpdate {
  /** One optimizer step from the plan's current gradients (weight gradients summed over the batch). */
  step(batchSize: number): void;
  /** Write the optimizer's state (velocities, moments) back into the optimizer. */
  sync(): void;
}

/**
 * The fused update for `optimizer`, or null when it is not exactly one of the library's
 * optimizers (a subclass, or a notebook's own class, may change the rule). The step counter
 * and the schedule stay the optimizer's own: each step asks it for the next learning rate.
 * Its state is copied into wasm memory here and back by `sync`.
 */
export function fusedUpdate(optimizer: Optimizer, params: readonly PlanParameter[]): FusedUpdate | null {
  if (isExactly(optimizer, SGD)) {
    const table = parameterTable(params, []);
    return { step: (batchSize) => sgdNetwork(table, optimizer.nextLearningRate(), batchSize), sync() {} };
  }
  if (isExactly(optimizer, SGDMomentum)) {
    const velocities = wasmState(params, optimizer.velocities);
    const table = parameterTable(params, [velocities]);
    return {
      step: (batchSize) => momentumNetwork(table, optimizer.nextLearningRate(), batchSize, optimizer.momentum),
      sync: () => syncState(params, velocities, optimizer.velocities),
    };
  }
  if (isExactly(optimizer, Adam) || isExactly(optimizer, AdamW)) {
    const adam: Adam = optimizer;
    const weightDecay = isExactly(optimizer, AdamW) ? optimizer.weightDecay : null;
    const m = wasmState(params, adam.moments.map((s) => s.m));
    const v = wasmState(params, adam.moments.map((s) => s.v));
    const table = parameterTable(params, [m, v]);
    const { beta1, beta2, eps } = adam;
    return {
      step(batchSize) {
        const lr = adam.nextLearningRate();
        const t = adam.stepCount;
        adamNetwork(table, { lr, batchSize, beta1, beta2, eps, correction1: 1 - pow(beta1, t), correction2: 1 - pow(beta2, t), weightDecay });
      },
      sync() {
        params.forEach((p, i) => {
          const moments = (adam.moments[i] ??= { m: Matrix.zeros(p.rows, p.cols), v: Matrix.zeros(p.rows, p.cols) });
          moments.m.data.set(m[i]!);
          moments.v.data.set(v[i]!);
        });
      },
    };
  }
  return null;
}

/** True when `value` was made by `cls` itself, not by a subclass (which may change the update rule). */
function isExactly<T extends object>(value: object, cls: abstract new (...args: never[]) => T): value is T {
  return value.constructor === cls;
}

/**
 * The parameter table the update kernels read: values, gradient and up to two state arrays per
 * parameter. The caller keeps the state arrays alive as long as it uses the table.
 */
function parameterTable(params: readonly PlanParameter[], states: Float64Array[][]): Table {
  const table = allocateInt32(PARAMETER_FIELDS.length * params.length);
  params.forEach((p, i) => {
    writeRecord(table, PARAMETER_FIELDS, i, {
      values: p.values.byteOffset, grad: p.grad.byteOffset, length: p.values.length, isWeights: p.isWeights ? 1 : 0,
      state1: states[0]?.[i]!.byteOffset ?? 0, state2: states[1]?.[i]!.byteOffset ?? 0,
    });
  });
  return { table, count: params.length };
}

/** Wasm copies of an optimizer's per-parameter state, zeros where it has none yet. */
function wasmState(params: readonly PlanParameter[], state: readonly (Matrix | undefined)[]): Float64Array[] {
  return params.map((p, i) => {
    const existing = state[i];
    if (existing && existing.data.length !== p.values.length) {
      throw new RangeError(`optimizer state ${i} holds ${existing.data.length} numbers, the parameter ${p.values.length}`);
    }
    return copyToWasm(existing?.data ?? new Float64Array(p.values.length));
  });
}

function syncState(params: readonly PlanParameter[], wasm: Float64Array[], state: Matrix[]): void {
  params.forEach((p, i) => {
    (state[i] ??= Matrix.zeros(p.rows, p.cols)).data.set(wasm[i]!);
  });
}
