import { Matrix } from "../lesson/math/matrix";
import { ShapeError } from "../lesson/math/shape-error";
import { kernels } from "./instance";
import { allocateFloat64, allocateInt32, copyToWasm, inWasmMemory } from "./memory";
import { Dense, type ParamGrads } from "../lesson/nn/dense";

/** i32 fields per layer in the plan table (the layout kernels.wat reads). */
const FIELDS = 10;

/**
 * A network of library Dense layers as one wasm call per batch: forward through every layer,
 * the error against the targets and backward run with no JavaScript in between. This is the
 * training loop's fast path; the first batches of a run would otherwise spend most of their
 * time in the per-layer JavaScript before V8 has optimized it. Each layer runs the very
 * kernels of Dense.forward and Dense.backward, so the numbers are the same.
 *
 * The gradients land in each layer's own `grads`, as backward would leave them. The layers'
 * `input` and `output` fields are not updated.
 */
export class NetworkPlan {
  /** Each layer's gradients, in layer order, as `backward` returns them. */
  readonly grads: ParamGrads[];
  private readonly table: Int32Array;
  private readonly layerCount: number;
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
    if (layers.length === 0 || !layers.every((l) => l.constructor === Dense && inWasmMemory(l.weights.data))) return null;
    return new NetworkPlan(layers, maxRows);
  }

  private constructor(layers: readonly Dense[], maxRows: number) {
    layers.forEach((layer, i) => {
      const next = layers[i + 1];
      if (next && next.inputSize !== layer.outputSize) throw ShapeError.pair(`${next} after ${layer}: output @ weights`, layer.bias, next.weights);
    });
    this.layerCount = layers.length;
    this.inputSize = layers[0]!.inputSize;
    this.outputSize = layers[layers.length - 1]!.outputSize;
    this.maxRows = maxRows;
    this.grads = layers.map((l) => l.grads);
    this.table = allocateInt32(FIELDS * layers.length);
    const buffer = (length: number) => {
      const array = allocateFloat64(length);
      this.buffers.push(array);
      return array.byteOffset;
    };
    layers.forEach((layer, i) => {
      const out = layer.outputSize;
      this.table.set([
        layer.weights.data.byteOffset, layer.bias.data.byteOffset,
        buffer(maxRows * out), buffer(maxRows * out), // output, masked gradient
        layer.grads.weights.data.byteOffset, layer.grads.bias.data.byteOffset,
        buffer(maxRows * layer.inputSize), // input gradient
        layer.inputSize, out, layer.activation ? 1 : 0,
      ], i * FIELDS);
    });
    this.error = allocateFloat64(maxRows * this.outputSize);
  }

  /**
   * A copy of a split in wasm memory, shapes checked against the network: what trainBatch
   * and loss read. Made once per training run, like loading the data.
   */
  load(x: Matrix, y: Matrix): { x: Matrix; y: Matrix } {
    if (x.cols !== this.inputSize) throw new ShapeError(`network input: (${x.rows}, ${x.cols}), but the first layer takes ${this.inputSize} columns`);
    if (y.cols !== this.outputSize || y.rows !== x.rows) {
      throw ShapeError.pair("targets vs predictions", y, { rows: x.rows, cols: this.outputSize });
    }
    return { x: new Matrix(x.rows, x.cols, copyToWasm(x.data)), y: new Matrix(y.rows, y.cols, copyToWasm(y.data)) };
  }

  /**
   * Forward and backward on rows [start, start + rows) of a loaded split (rows <= maxRows);
   * returns the batch's mean squared error. Unchecked: it runs for every batch.
   */
  trainBatch(data: { x: Matrix; y: Matrix }, start: number, rows: number): number {
    return kernels.networkGradients(
      this.table.byteOffset, this.layerCount, rows,
      data.x.data.byteOffset + start * this.inputSize * 8, data.y.data.byteOffset + start * this.outputSize * 8,
      this.error.byteOffset,
    );
  }

  /** The mean squared error of the predictions for a whole loaded split (at most maxRows rows). */
  loss(data: { x: Matrix; y: Matrix }): number {
    if (data.x.rows > this.maxRows) throw new RangeError(`NetworkPlan.loss: ${data.x.rows} rows, the plan holds ${this.maxRows}`);
    return kernels.networkLoss(this.table.byteOffset, this.layerCount, data.x.rows, data.x.data.byteOffset, data.y.data.byteOffset, this.error.byteOffset);
  }
}
