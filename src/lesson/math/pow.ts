/**
 * x to the power y, the same bits on every JavaScript engine.
 *
 * Math.pow and `**` are not: V8 changed its pow between Node 22 and 24, so 0.9 ** 4 is
 * 0.6561000000000001 on one and 0.6561 on the other, and every Adam run (whose bias correction is
 * 1 - beta ** t) would store different last digits depending on the Node that ran it. Math.exp,
 * Math.log, Math.sqrt and the arithmetic operators give the same bits everywhere, so pow is built
 * from those alone:
 * - whole exponents (Adam's beta ** t, powers of ten) by repeated squaring in double-double
 *   arithmetic (a value carried as an unevaluated sum hi + lo of two doubles), which rounds to the
 *   correctly rounded power, as numpy's and the newer V8's pow give;
 * - other exponents as exp(y * log(x)), which is within a few units in the last place.
 */
export function pow(x: number, y: number): number {
  if (Number.isInteger(y) && Math.abs(y) <= Number.MAX_SAFE_INTEGER) return powInteger(x, y);
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 || !Number.isFinite(x) || !Number.isFinite(y) || x < 0) return Math.pow(x, y); // edge cases, defined exactly by IEEE
  return Math.exp(y * Math.log(x));
}

/** x ** n for a whole n, correctly rounded (see pow). */
function powInteger(x: number, n: number): number {
  if (n === 0) return 1;
  if (!Number.isFinite(x) || x === 0) return Math.pow(x, n); // zeros and infinities: exact by IEEE rules
  const negative = n < 0;
  let e = Math.abs(n);
  // The result as hi + lo, and the running square of x as baseHi + baseLo.
  let hi = 1, lo = 0, baseHi = x, baseLo = 0;
  while (true) {
    if (e % 2 === 1) [hi, lo] = multiply(hi, lo, baseHi, baseLo);
    e = Math.floor(e / 2);
    if (e === 0) break;
    [baseHi, baseLo] = multiply(baseHi, baseLo, baseHi, baseLo);
  }
  if (!Number.isFinite(hi) || hi === 0 || Math.abs(hi) < 1e-290 || Math.abs(hi) > 1e290) {
    return Math.pow(x, n); // beyond 1e290 or below 1e-290 the splits are not exact; the lesson never goes there
  }
  if (!negative) return hi + lo;
  // 1 / (hi + lo): a first quotient, corrected by its remainder.
  const q = 1 / hi;
  const [p, pErr] = twoProduct(q, hi);
  const remainder = 1 - p - pErr - q * lo;
  return q + q * remainder;
}

/** (aHi + aLo) * (bHi + bLo) as a double-double. */
function multiply(aHi: number, aLo: number, bHi: number, bLo: number): [number, number] {
  const [p, e] = twoProduct(aHi, bHi);
  const tail = e + (aHi * bLo + aLo * bHi);
  const hi = p + tail;
  return [hi, tail - (hi - p)];
}

/** a * b exactly, as the rounded product and its error (Dekker's product, no fused multiply-add). */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const [aHi, aLo] = split(a);
  const [bHi, bLo] = split(b);
  return [p, ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo];
}

/** a as two halves of 26 significant bits each, whose products are exact (Veltkamp's split). */
function split(a: number): [number, number] {
  const c = 134217729 * a; // 2^27 + 1
  const hi = c - (c - a);
  return [hi, a - hi];
}
