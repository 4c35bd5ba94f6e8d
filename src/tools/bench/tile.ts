import { Matrix } from "../../lesson/math/matrix";

/** The rows of m repeated `times` times, one copy after another (numpy's np.tile(m, (times, 1))). */
export function tileRows(m: Matrix, times: number): Matrix {
  if (!Number.isInteger(times) || times < 1) throw new RangeError(`tileRows: times must be an integer >= 1, got ${times}`);
  const data = new Float64Array(m.data.length * times);
  for (let t = 0; t < times; t++) data.set(m.data, t * m.data.length);
  return new Matrix(m.rows * times, m.cols, data);
}
