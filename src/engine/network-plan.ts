import { Matrix } from "../lesson/math/matrix";
import { ShapeError } from "../lesson/math/shape-error";
import { Dense } from "../lesson/nn/dense";
import { networkGradients, networkLoss, type PlanTable } from "./kernels";
import { backwardScratchLength, LAYER_FIELDS, type LayerRecord, writeRecord } from "./layout";
import { allocateFloat64, allocateInt32, copyToWasm } from "./memory";

/** One parameter array of the plan's network, in wasm memory. */
export interface PlanParameter {
  values: Float64Array;
  /** The last batch's gradient: a sum over the batch for weights, a mean for biases. */
  grad: Float64Array;
  isWeights: boolean;
  rows: number;
  cols: number;
}

/** A split copied into wasm memory, made once per run like loading the data. */
export interface LoadedSplit {
  x: Float64Array;
  y: Float64Array;
  rows: number;
}

/**
 * A network of library Dense layers as one wasm call per batch: forward through every layer,
 * the error against the targets and backward, with no JavaScript in between. Each layer runs
 * the arithmetic of Dense.forward and Dense.backward in the same order, so the numbers are
 * the same. The plan trains copies of the layers' parameters in wasm memory; `syncToLayers`
 * writes them back.
 */
export class NetworkPlan {
  /** Weights, then bias, for every layer in order. */
  readonly parameters: PlanParameter[] = [];
  private readonly plan: PlanTable;
  private readonly inputSize: number;
  private readonly outputSize: number;
  private readonly maxRows: number;
  /** Work buffers, kept here so that they live as long as the table pointing at them. */
  private readonly buffers: Float64Array[] = [];
  /** d loss / d prediction, the start of backward. */
  private readonly error: Float64Array;

  /**
   * The plan for `layers` and batches of up to `maxRows` rows, or null when a layer is not a
   * library Dense (a subclass or a notebook's own class may compute something else).
   */
  static build(layers: readonly Dense[], maxRows: number): NetworkPlan | null {
    if (layers.length === 0 || !layers.every((l) => l.constructor === Dense)) return null;
    return new NetworkPlan(layers, maxRows);
  }

  private constructor(private readonly layers: readonly Dense[], maxRows: number) {
    layers.forEach((layer, i) => {
      const next = layers[i + 1];
      if (next && next.inputSize !== layer.outputSize) throw ShapeError.pair(`${next} after ${layer}: output @ weights`, layer.bias, next.weights);
    });
    this.inputSize = layers[0]!.inputSize;
    this.outputSize = layers[layers.length - 1]!.outputSize;
    this.maxRows = maxRows;
    const table = allocateInt32(LAYER_FIELDS.length * layers.length);
    const buffer = (length: number) => {
      const array = allocateFloat64(length);
      this.buffers.push(array);
      return array;
    };
    layers.forEach((layer, i) => {
      const [k, m] = [layer.inputSize, layer.outputSize];
      const weights = { values: copyToWasm(layer.weights.data), grad: buffer(k * m), isWeights: true, rows: k, cols: m };
      const bias = { values: copyToWasm(layer.bias.data), grad: buffer(m), isWeights: false, rows: 1, cols: m };
      this.parameters.push(weights, bias);
      const record: LayerRecord = {
        weights: weights.values.byteOffset, bias: bias.values.byteOffset,
        output: buffer(maxRows * m).byteOffset, maskedGrad: buffer(maxRows * m).byteOffset,
        weightGrad: weights.grad.byteOffset, biasGrad: bias.grad.byteOffset, inputGrad: buffer(maxRows * k).byteOffset,
        inputSize: k, outputSize: m, relu: layer.activation ? 1 : 0, scratch: buffer(backwardScratchLength(maxRows, k, m)).byteOffset,
      };
      writeRecord(table, LAYER_FIELDS, i, record);
    });
    this.plan = { table, count: layers.length, inputSize: this.inputSize, outputSize: this.outputSize };
    this.error = allocateFloat64(maxRows * this.outputSize);
  }

  /** A copy of a split in wasm memory, shapes checked against the network. */
  load(x: Matrix, y: Matrix): LoadedSplit {
    if (x.cols !== this.inputSize) throw new ShapeError(`network input: (${x.rows}, ${x.cols}), but the first layer takes ${this.inputSize} columns`);
    if (y.cols !== this.outputSize || y.rows !== x.rows) {
      throw ShapeError.pair("targets vs predictions", y, { rows: x.rows, cols: this.outputSize });
    }
    return { x: copyToWasm(x.data), y: copyToWasm(y.data), rows: x.rows };
  }

  /**
   * Forward and backward on rows [start, start + rows) of a loaded split (rows <= maxRows);
   * returns the batch's mean squared error. Unchecked: it runs for every batch.
   */
  trainBatch(data: LoadedSplit, start: number, rows: number): number {
    return networkGradients(this.plan, { x: data.x, y: data.y, start, n: rows, error: this.error });
  }

  /** The mean squared error of the predictions for a whole loaded split (at most maxRows rows). */
  loss(data: LoadedSplit): number {
    if (data.rows > this.maxRows) throw new RangeError(`NetworkPlan.loss: ${data.rows} rows, the plan holds ${this.maxRows}`);
    return networkLoss(this.plan, { x: data.x, y: data.y, start: 0, n: data.rows, error: this.error });
  }

  /** Write the trained parameters back into the layers' weights and biases. */
  syncToLayers(): void {
    this.layers.forEach((layer, i) => {
      layer.weights.data.set(this.parameters[2 * i]!.values);
      layer.bias.data.set(this.parameters[2 * i + 1]!.values);
    });
  }

  /**
   * The last batch's gradients as Dense.backward returns them, one set per layer (copies).
   * The fused update only reads them: weight gradients stay batch sums after a step.
   */
  gradients(): { weights: Matrix; bias: Matrix }[] {
    return this.layers.map((layer, i) => ({
      weights: new Matrix(layer.inputSize, layer.outputSize, this.parameters[2 * i]!.grad.slice()),
      bias: new Matrix(1, layer.outputSize, this.parameters[2 * i + 1]!.grad.slice()),
    }));
  }
}
