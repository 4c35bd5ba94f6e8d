import { Matrix } from "../math/matrix";
import { NumpyRandom } from "../math/random";
import { ShapeError } from "../math/shape-error";

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

/**
 * A fully connected layer: output = relu(input @ weights + bias).
 *
 * Like the Python lesson's Dense, `backward` returns the parameter gradients instead of
 * applying them, so that any optimizer can decide what to do with them.
 * Weights start uniform in [-sqrt(1/in), sqrt(1/in)) from numpy's generator, bias at 1.
 *
 * Every sum below runs in plain index order. The fast engine (src/engine) sums in that same
 * order, which is why its numbers are bit-for-bit these.
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

  constructor(inputSize: number, outputSize: number, options: DenseOptions = {}) {
    for (const [name, v] of [["inputSize", inputSize], ["outputSize", outputSize]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`Dense: ${name} must be a positive integer, got ${v}`);
    }
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    this.activation = options.activation ?? true;
    const k = Math.sqrt(1 / inputSize);
    const uniform = new NumpyRandom(options.seed ?? 0).randomArray(inputSize * outputSize);
    this.weights = new Matrix(inputSize, outputSize, uniform.map((u) => u * (2 * k) - k));
    this.bias = Matrix.filled(1, outputSize, 1);
  }

  /** input (n x in) -> output (n x out). */
  forward(input: Matrix): Matrix {
    if (input.cols !== this.inputSize) throw ShapeError.pair(`${this} forward: input @ weights`, input, this.weights);
    const [n, k, m] = [input.rows, this.inputSize, this.outputSize];
    const [x, w, b] = [input.data, this.weights.data, this.bias.data];
    const output = new Matrix(n, m);
    const out = output.data;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += x[i * k + p]! * w[p * m + j]!;
        const z = sum + b[j]!;
        out[i * m + j] = this.activation && !(z > 0) ? 0 : z; // relu (NaN and -0 become 0)
      }
    }
    this.input = input;
    this.output = output;
    return output;
  }

  /**
   * grad: d loss / d output (n x out). Returns the parameter gradients and d loss / d input
   * (n x in); pass `inputGrad: false` for the first layer, whose input gradient nobody uses.
   */
  backward(grad: Matrix, options: { inputGrad?: boolean } = {}): { params: ParamGrads; grad: Matrix | null } {
    const { input, output } = this;
    if (!input || !output) throw new Error(`${this} backward: call forward first`);
    if (grad.rows !== output.rows || grad.cols !== output.cols) throw ShapeError.pair(`${this} backward: grad vs output`, grad, output);
    const [n, k, m] = [grad.rows, this.inputSize, this.outputSize];
    const [x, w] = [input.data, this.weights.data];

    // ReLU passes the gradient only where it let the signal through.
    const g = this.activation ? grad.data.map((v, i) => (output.data[i]! > 0 ? v : 0)) : grad.data;

    // d loss / d weights = input^T @ g: summed over the batch's rows.
    const weights = new Matrix(k, m);
    for (let p = 0; p < k; p++) {
      for (let j = 0; j < m; j++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += x[i * k + p]! * g[i * m + j]!;
        weights.data[p * m + j] = sum;
      }
    }

    // d loss / d bias = the mean of g's rows.
    const bias = new Matrix(1, m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) bias.data[j]! += g[i * m + j]!;
    for (let j = 0; j < m; j++) bias.data[j]! /= n;

    // d loss / d input = g @ weights^T.
    let inputGrad: Matrix | null = null;
    if (options.inputGrad !== false) {
      inputGrad = new Matrix(n, k);
      for (let i = 0; i < n; i++) {
        for (let p = 0; p < k; p++) {
          let sum = 0;
          for (let j = 0; j < m; j++) sum += g[i * m + j]! * w[p * m + j]!;
          inputGrad.data[i * k + p] = sum;
        }
      }
    }
    return { params: { weights, bias }, grad: inputGrad };
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
}
