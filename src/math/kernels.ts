/**
 * Allocation-free kernels for the training hot path. Each works on raw row-major
 * Float64Arrays with explicit sizes and writes into `out`. Shapes are checked by the callers
 * (Dense), not here.
 *
 * Dense runs the same arithmetic in WebAssembly (wasm/kernels.wat), which is fast from the
 * first batch; these TypeScript versions are the readable reference it is tested against,
 * bit for bit (wasm/dense-kernels.test.ts).
 *
 * Speed comes from register blocking: each loop computes four outputs at once, so four
 * independent sums are in flight instead of one long chain of dependent additions (a single
 * chain waits on the adder's latency at every step). Every output is still summed in plain
 * index order, so the result does not depend on the blocking.
 */

/** out[n x m] = a[n x k] @ b[k x m] + bias[m] (bias added after the dot product, as numpy does). */
export function matmulAddBias(
  a: Float64Array, b: Float64Array, bias: Float64Array, out: Float64Array, n: number, k: number, m: number,
): void {
  const m4 = m - (m % 4);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    const o = i * m;
    let j = 0;
    for (; j < m4; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < k; p++) {
        const x = a[row + p]!;
        const w = p * m + j;
        s0 += x * b[w]!;
        s1 += x * b[w + 1]!;
        s2 += x * b[w + 2]!;
        s3 += x * b[w + 3]!;
      }
      out[o + j] = s0 + bias[j]!;
      out[o + j + 1] = s1 + bias[j + 1]!;
      out[o + j + 2] = s2 + bias[j + 2]!;
      out[o + j + 3] = s3 + bias[j + 3]!;
    }
    for (; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[row + p]! * b[p * m + j]!;
      out[o + j] = s + bias[j]!;
    }
  }
}

/** In place: x = max(x, 0) over the first `len` values. */
export function reluInPlace(x: Float64Array, len: number): void {
  for (let i = 0; i < len; i++) if (!(x[i]! > 0)) x[i] = 0;
}

/** out = grad where activated > 0, else 0 (the derivative of ReLU applied to grad). */
export function reluBackward(grad: Float64Array, activated: Float64Array, out: Float64Array, len: number): void {
  for (let i = 0; i < len; i++) out[i] = activated[i]! > 0 ? grad[i]! : 0;
}

/** out[k x m] = a[n x k]^T @ g[n x m]: each entry sums over the n batch rows. */
export function matmulTransposeA(
  a: Float64Array, g: Float64Array, out: Float64Array, n: number, k: number, m: number,
): void {
  const m4 = m - (m % 4);
  for (let p = 0; p < k; p++) {
    const o = p * m;
    let j = 0;
    for (; j < m4; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let i = 0; i < n; i++) {
        const x = a[i * k + p]!;
        const r = i * m + j;
        s0 += x * g[r]!;
        s1 += x * g[r + 1]!;
        s2 += x * g[r + 2]!;
        s3 += x * g[r + 3]!;
      }
      out[o + j] = s0;
      out[o + j + 1] = s1;
      out[o + j + 2] = s2;
      out[o + j + 3] = s3;
    }
    for (; j < m; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += a[i * k + p]! * g[i * m + j]!;
      out[o + j] = s;
    }
  }
}

/** out[n x k] = g[n x m] @ w[k x m]^T: each entry is a dot product of two contiguous rows. */
export function matmulTransposeB(
  g: Float64Array, w: Float64Array, out: Float64Array, n: number, m: number, k: number,
): void {
  const k4 = k - (k % 4);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    const o = i * k;
    let p = 0;
    for (; p < k4; p += 4) {
      const w0 = p * m, w1 = w0 + m, w2 = w1 + m, w3 = w2 + m;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let j = 0; j < m; j++) {
        const x = g[row + j]!;
        s0 += x * w[w0 + j]!;
        s1 += x * w[w1 + j]!;
        s2 += x * w[w2 + j]!;
        s3 += x * w[w3 + j]!;
      }
      out[o + p] = s0;
      out[o + p + 1] = s1;
      out[o + p + 2] = s2;
      out[o + p + 3] = s3;
    }
    for (; p < k; p++) {
      let s = 0;
      const wr = p * m;
      for (let j = 0; j < m; j++) s += g[row + j]! * w[wr + j]!;
      out[o + p] = s;
    }
  }
}

/** out[m] = mean over the n rows of g[n x m] (numpy's `mean(axis=0)`: row sums, then divide). */
export function meanOverRows(g: Float64Array, out: Float64Array, n: number, m: number): void {
  out.fill(0, 0, m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) out[j]! += g[row + j]!;
  }
  for (let j = 0; j < m; j++) out[j]! /= n;
}
