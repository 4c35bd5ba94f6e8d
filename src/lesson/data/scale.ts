/**
 * Standard scaling: (v - mean) / std with the population standard deviation (divide by n),
 * as scikit-learn's StandardScaler and numpy's default `std` do.
 */
export function standardize(values: Float64Array): Float64Array {
  const { mean, std } = meanAndStd(values);
  if (std === 0) throw new RangeError("standardize: the column is constant (standard deviation 0)");
  return values.map((v) => (v - mean) / std);
}

export function meanAndStd(values: Float64Array): { mean: number; std: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return { mean, std: Math.sqrt(squares / values.length) };
}
