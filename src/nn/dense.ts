import { Matrix } from "../math/matrix";
import { NumpyRandom } from "../math/random";
import { ShapeError } from "../math/shape-error";
import {
  matmulAddBias, matmulTransposeA, matmulTransposeB, meanOverRows, reluBackward, reluInPlace,
} from "../math/kernels";

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

/** Work buffers for one batch size, reused on every call with that many rows. */
interface Buffers {
  output: Matrix;
  maskedGrad: Float64Array;
  inputGrad: Matrix;
}

/**
 * A fully connected layer: output = relu(input @ weights + bias).
 *
 * Like the Python lesson's Dense, `backward` returns the parameter gradients instead of
 * applying them, so that any optimizer can decide what to do with them (`update`).
 * Weights start uniform in [-sqrt(1/in), sqrt(1/in)) from numpy's generator, bias at 1.
 *
 * For speed, the matrices that `forward` and `backward` return are the layer's own work
 * buffers: they stay valid until the next call with the same number of rows.
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

  private readonly grads: ParamGrads;
  private readonly buffers = new Map<number, Buffers>();

  constructor(inputSize: number, outputSize: number, options: DenseOptions = {}) {
    for (const [name, v] of [["inputSize", inputSize], ["outputSize", outputSize]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`Dense: ${name} must be a positive integer, got ${v}`);
    }
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    this.activation = options.activation ?? true;
    const k = Math.sqrt(1 / inputSize);
    const uniform = new NumpyRandom(options.seed ?? 0).randomArray(inputSize * outputSize);
    for (let i = 0; i < uniform.length; i++) uniform[i] = uniform[i]! * (2 * k) - k;
    this.weights = new Matrix(inputSize, outputSize, uniform);
    this.bias = Matrix.filled(1, outputSize, 1);
    this.grads = { weights: Matrix.zeros(inputSize, outputSize), bias: Matrix.zeros(1, outputSize) };
  }

  /** input (n x in) -> output (n x out). */
  forward(input: Matrix): Matrix {
    if (input.cols !== this.inputSize) throw ShapeError.pair(`${this} forward: input @ weights`, input, this.weights);
    const n = input.rows;
    const buf = this.buffersFor(n);
    matmulAddBias(input.data, this.weights.data, this.bias.data, buf.output.data, n, this.inputSize, this.outputSize);
    if (this.activation) reluInPlace(buf.output.data, n * this.outputSize);
    this.input = input;
    this.output = buf.output;
    return buf.output;
  }

  /**
   * grad: d loss / d output (n x out). Returns the parameter gradients and d loss / d input
   * (n x in); pass `inputGrad: false` for the first layer, whose input gradient nobody uses.
   */
  backward(grad: Matrix, options: { inputGrad?: boolean } = {}): { params: ParamGrads; grad: Matrix | null } {
    const { input, output } = this;
    if (!input || !output) throw new Error(`${this} backward: call forward first`);
    if (grad.rows !== output.rows || grad.cols !== output.cols) throw ShapeError.pair(`${this} backward: grad vs output`, grad, output);
    const n = grad.rows;
    const buf = this.buffersFor(n);
    let g = grad.data;
    if (this.activation) {
      // ReLU passes the gradient only where it let the signal through.
      reluBackward(grad.data, output.data, buf.maskedGrad, n * this.outputSize);
      g = buf.maskedGrad;
    }
    matmulTransposeA(input.data, g, this.grads.weights.data, n, this.inputSize, this.outputSize);
    meanOverRows(g, this.grads.bias.data, n, this.outputSize);
    if (options.inputGrad === false) return { params: this.grads, grad: null };
    matmulTransposeB(g, this.weights.data, buf.inputGrad.data, n, this.outputSize, this.inputSize);
    return { params: this.grads, grad: buf.inputGrad };
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
    let buf = this.buffers.get(n);
    if (!buf) {
      buf = {
        output: Matrix.zeros(n, this.outputSize),
        maskedGrad: new Float64Array(n * this.outputSize),
        inputGrad: Matrix.zeros(n, this.inputSize),
      };
      this.buffers.set(n, buf);
    }
    return buf;
  }
}
