/** Thrown when matrix shapes do not fit an operation; the message names both shapes. */
export class ShapeError extends Error {
  override name = "ShapeError";

  static pair(op: string, a: { rows: number; cols: number }, b: { rows: number; cols: number }): ShapeError {
    return new ShapeError(`${op}: shapes (${a.rows}, ${a.cols}) and (${b.rows}, ${b.cols}) do not fit`);
  }
}
