import { Matrix } from "../math/matrix";
import { NumpyRandom } from "../math/random";
import { ShapeError } from "../math/shape-error";
import { denseBackward, denseForward } from "../../engine/dense-kernels";
import { allocateFloat64, inWasmMemory } from "../../engine/memory";

/** The gradients of one layer's parameters, as returned by `backward`. */
export interface ParamGrads {
  /** d loss / d weights, summed over the batch (not yet divided by the batch size). */
  weights: Matrix;
  /** d loss / d bias, averaged over the batch. */
  bias: Matrix;
}

export interface DenseOptions {
  /** Apply ReLU after the affine map (default true). */
  activation?: boolean;
  /** Seed for the weights, as `np.random.seed(seed)` (default 0, like the lesson). */
  seed?: number;
}

/** Work buffers for one batch size, reused on every call with that many rows (all in wasm memory). */
interface Buffers {
  output: Matrix;
  maskedGrad: Float64Array;
  inputGrad: Matrix;
  /** Where an input or a gradient from outside the wasm memory is copied for the kernels. */
  inputCopy: Float64Array;
  gradCopy: Float64Array;
}

/**
 * A fully connected layer: output = relu(input @ weights + bias).
 *
 * Like the Python lesson's Dense, `backward` returns the parameter gradients instead of
 * applying them, so that any optimizer can decide what to do with them (`update`).
 * Weights start uniform in [-sqrt(1/in), sqrt(1/in)) from numpy's generator, bias at 1.
 *
 * For speed, the matrices that `forward` and `backward` return are the layer's own work
 * buffers: they stay valid until the next call with the same number of rows. Parameters and
 * buffers live in WebAssembly memory, where the kernels (src/engine/kernels.wat) run.
 */
export class Dense {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly activation: boolean;
  readonly weights: Matrix;
  readonly bias: Matrix;
  /** The last input and output of forward, kept for backward. */
  input: Matrix | null = null;
  output: Matrix | null = null;

  /** The parameter gradients of the last backward (the matrices it returns as `params`). */
  readonly grads: ParamGrads;
  private readonly buffers = new Map<number, Buffers>();
  /** The last forward's input as the kernels saw it (a copy if it was outside wasm memory). */
  private inputData: Float64Array | null = null;
  /** The buffers of the last call, checked first: training repeats one batch size. */
  private lastBuffers: Buffers | null = null;

  constructor(inputSize: number, outputSize: number, options: DenseOptions = {}) {
    for (const [name, v] of [["inputSize", inputSize], ["outputSize", outputSize]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`Dense: ${name} must be a positive integer, got ${v}`);
    }
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    this.activation = options.activation ?? true;
    const k = Math.sqrt(1 / inputSize);
    const uniform = new NumpyRandom(options.seed ?? 0).randomArray(inputSize * outputSize);
    this.weights = wasmMatrix(inputSize, outputSize);
    for (let i = 0; i < uniform.length; i++) this.weights.data[i] = uniform[i]! * (2 * k) - k;
    this.bias = wasmMatrix(1, outputSize);
    this.bias.data.fill(1);
    this.grads = { weights: wasmMatrix(inputSize, outputSize), bias: wasmMatrix(1, outputSize) };
  }

  /** input (n x in) -> output (n x out). */
  forward(input: Matrix): Matrix {
    if (input.cols !== this.inputSize) throw ShapeError.pair(`${this} forward: input @ weights`, input, this.weights);
    const n = input.rows;
    const buf = this.buffersFor(n);
    const x = inWasmMemory(input.data) ? input.data : copy(input.data, buf.inputCopy);
    denseForward(x, this.weights.data, this.bias.data, buf.output.data, n, this.inputSize, this.outputSize, this.activation);
    this.input = input;
    this.inputData = x;
    this.output = buf.output;
    return buf.output;
  }

  /**
   * grad: d loss / d output (n x out). Returns the parameter gradients and d loss / d input
   * (n x in); pass `inputGrad: false` for the first layer, whose input gradient nobody uses.
   */
  backward(grad: Matrix, options: { inputGrad?: boolean } = {}): { params: ParamGrads; grad: Matrix | null } {
    const { inputData, output } = this;
    if (!inputData || !output) throw new Error(`${this} backward: call forward first`);
    if (grad.rows !== output.rows || grad.cols !== output.cols) throw ShapeError.pair(`${this} backward: grad vs output`, grad, output);
    const n = grad.rows;
    const buf = this.buffersFor(n);
    const g = inWasmMemory(grad.data) ? grad.data : copy(grad.data, buf.gradCopy);
    const wantInputGrad = options.inputGrad !== false;
    // ReLU passes the gradient only where it let the signal through (masked into buf.maskedGrad).
    denseBackward(
      inputData, output.data, g, buf.maskedGrad, this.weights.data, this.grads.weights.data, this.grads.bias.data,
      wantInputGrad ? buf.inputGrad.data : null, n, this.inputSize, this.outputSize, this.activation,
    );
    return { params: this.grads, grad: wantInputGrad ? buf.inputGrad : null };
  }

  /** Add update matrices to the parameters: weights += weightDelta, bias += biasDelta. */
  update(weightDelta: Matrix, biasDelta: Matrix): void {
    this.weights.addInPlace(weightDelta);
    this.bias.addInPlace(biasDelta);
  }

  get parameterCount(): number {
    return this.weights.data.length + this.bias.data.length;
  }

  toString(): string {
    return `Dense(${this.inputSize} -> ${this.outputSize}${this.activation ? ", relu" : ""})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  private buffersFor(n: number): Buffers {
    if (this.lastBuffers?.output.rows === n) return this.lastBuffers;
    let buf = this.buffers.get(n);
    if (!buf) {
      buf = {
        output: wasmMatrix(n, this.outputSize),
        maskedGrad: allocateFloat64(n * this.outputSize),
        inputGrad: wasmMatrix(n, this.inputSize),
        inputCopy: allocateFloat64(n * this.inputSize),
        gradCopy: allocateFloat64(n * this.outputSize),
      };
      this.buffers.set(n, buf);
    }
    return (this.lastBuffers = buf);
  }
}

/** A zero matrix stored in wasm memory. */
function wasmMatrix(rows: number, cols: number): Matrix {
  return new Matrix(rows, cols, allocateFloat64(rows * cols));
}

function copy(from: Float64Array, to: Float64Array): Float64Array {
  to.set(from);
  return to;
}
