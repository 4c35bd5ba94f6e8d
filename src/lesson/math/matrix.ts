import { ShapeError } from "./shape-error";

/**
 * A dense float64 matrix, stored row-major in one Float64Array.
 *
 * The methods here allocate a new matrix for their result and read like numpy
 * (`x.matmul(w).add(b)`): they are what notebooks use to show an algorithm. Dense writes its
 * loops out by hand (../nn/dense.ts) so that a learner sees every sum.
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new ShapeError(`Matrix: shape must be two non-negative integers, got (${rows}, ${cols})`);
    }
    if (data && data.length !== rows * cols) {
      throw new ShapeError(`Matrix: ${data.length} values cannot fill shape (${rows}, ${cols})`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  static filled(rows: number, cols: number, value: number): Matrix {
    return new Matrix(rows, cols, new Float64Array(rows * cols).fill(value));
  }

  /** Build from nested arrays; every row must have the same length. */
  static fromRows(rows: readonly (readonly number[])[]): Matrix {
    const cols = rows.length ? rows[0]!.length : 0;
    const m = new Matrix(rows.length, cols);
    rows.forEach((row, r) => {
      if (row.length !== cols) {
        throw new ShapeError(`Matrix.fromRows: row ${r} has ${row.length} values, row 0 has ${cols}`);
      }
      m.data.set(row, r * cols);
    });
    return m;
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get(r: number, c: number): number {
    return this.data[r * this.cols + c]!;
  }

  set(r: number, c: number, value: number): void {
    this.data[r * this.cols + c] = value;
  }

  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /** Rows [start, end), like `x[start:end]` (end is clamped to the row count). */
  sliceRows(start: number, end: number): Matrix {
    const stop = Math.min(end, this.rows);
    const from = Math.min(start, stop);
    return new Matrix(stop - from, this.cols, this.data.slice(from * this.cols, stop * this.cols));
  }

  /** Matrix product `this @ other`. */
  matmul(other: Matrix): Matrix {
    if (this.cols !== other.rows) throw ShapeError.pair("matmul", this, other);
    const out = new Matrix(this.rows, other.cols);
    const n = other.cols;
    for (let i = 0; i < this.rows; i++) {
      for (let k = 0; k < this.cols; k++) {
        const aik = this.data[i * this.cols + k]!;
        for (let j = 0; j < n; j++) out.data[i * n + j]! += aik * other.data[k * n + j]!;
      }
    }
    return out;
  }

  transpose(): Matrix {
    const out = new Matrix(this.cols, this.rows);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) out.data[j * this.rows + i] = this.data[i * this.cols + j]!;
    }
    return out;
  }

  /** Element-wise `this + other`; `other` may also be a single row, added to every row. */
  add(other: Matrix | number): Matrix {
    return this.zip("add", other, (a, b) => a + b);
  }

  sub(other: Matrix | number): Matrix {
    return this.zip("sub", other, (a, b) => a - b);
  }

  mul(other: Matrix | number): Matrix {
    return this.zip("mul", other, (a, b) => a * b);
  }

  div(other: Matrix | number): Matrix {
    return this.zip("div", other, (a, b) => a / b);
  }

  map(f: (value: number, index: number) => number): Matrix {
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < this.data.length; i++) out.data[i] = f(this.data[i]!, i);
    return out;
  }

  /** Mean of each column, as a 1 x cols row (numpy's `mean(axis=0)`). */
  meanRows(): Matrix {
    const out = new Matrix(1, this.cols);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) out.data[j]! += this.data[i * this.cols + j]!;
    }
    for (let j = 0; j < this.cols; j++) out.data[j]! /= this.rows;
    return out;
  }

  sum(): number {
    let s = 0;
    for (let i = 0; i < this.data.length; i++) s += this.data[i]!;
    return s;
  }

  mean(): number {
    return this.sum() / this.data.length;
  }

  /** In place: `this += other` (same shape). Returns this. */
  addInPlace(other: Matrix): this {
    if (this.rows !== other.rows || this.cols !== other.cols) throw ShapeError.pair("addInPlace", this, other);
    for (let i = 0; i < this.data.length; i++) this.data[i]! += other.data[i]!;
    return this;
  }

  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  /** numpy-like text, so `console.log(m)` in a notebook shows values, not a typed array. */
  toString(digits = 8): string {
    const fmt = (v: number) => v.toFixed(digits).replace(/0+$/, "").replace(/\.$/, ".");
    const shown = this.rows > 8 ? [0, 1, 2, -1, this.rows - 3, this.rows - 2, this.rows - 1] : [...Array(this.rows).keys()];
    const cells = shown.map((r) => (r < 0 ? null : Array.from(this.data.subarray(r * this.cols, (r + 1) * this.cols), fmt)));
    const width = Math.max(1, ...cells.flatMap((row) => (row ? row.map((s) => s.length) : [])));
    const lines = cells.map((row) => (row ? `[${row.map((s) => s.padStart(width)).join(", ")}]` : " ..."));
    return `Matrix ${this.rows}x${this.cols}\n[${lines.join(",\n ")}]`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  private zip(op: string, other: Matrix | number, f: (a: number, b: number) => number): Matrix {
    const out = new Matrix(this.rows, this.cols);
    if (typeof other === "number") {
      for (let i = 0; i < this.data.length; i++) out.data[i] = f(this.data[i]!, other);
      return out;
    }
    const sameShape = other.rows === this.rows && other.cols === this.cols;
    const rowBroadcast = other.rows === 1 && other.cols === this.cols;
    if (!sameShape && !rowBroadcast) throw ShapeError.pair(op, this, other);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) {
        const k = i * this.cols + j;
        out.data[k] = f(this.data[k]!, other.data[sameShape ? k : j]!);
      }
    }
    return out;
  }
}
