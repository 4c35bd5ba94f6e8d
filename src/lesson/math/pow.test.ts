import { test } from "node:test";
import assert from "node:assert/strict";
import { pow } from "./pow";
import { NumpyRandom } from "./random";

/** x as an exact fraction: numerator * 2^exponent, numerator a (signed) integer. */
function exactParts(x: number): { numerator: bigint; exponent: number } {
  let exponent = 0;
  while (!Number.isInteger(x)) { x *= 2; exponent--; } // doubling a double is exact
  return { numerator: BigInt(x), exponent };
}

/** num / den * 2^e (num, den > 0), rounded to the nearest double, ties to even: the exact answer. */
function roundRational(num: bigint, den: bigint, e: number): number {
  // Scale so that the integer quotient has 54 to 55 bits, then round it to 53 with the remainder.
  const bits = (v: bigint) => v.toString(2).length;
  let shift = 55 - (bits(num) - bits(den));
  const [n, d] = shift >= 0 ? [num << BigInt(shift), den] : [num, den << BigInt(-shift)];
  let q = n / d;
  const sticky = n % d !== 0n;
  const extra = bits(q) - 53;
  const dropped = q & ((1n << BigInt(extra)) - 1n);
  q >>= BigInt(extra);
  shift -= extra;
  const half = 1n << BigInt(extra - 1);
  if (dropped > half || (dropped === half && (sticky || (q & 1n) === 1n))) q += 1n;
  let value = Number(q); // 53 or 54 bits: exact
  for (let k = 0; k < Math.abs(e - shift); k++) value = e - shift > 0 ? value * 2 : value / 2; // exact in the normal range
  return value;
}

/** x ** n exactly rounded, from x's exact fraction raised to n with big integers. */
function exactPower(x: number, n: number): number {
  const { numerator, exponent } = exactParts(Math.abs(x));
  const sign = x < 0 && n % 2 !== 0 ? -1 : 1;
  const power = numerator ** BigInt(Math.abs(n));
  const value = n >= 0 ? roundRational(power, 1n, exponent * n) : roundRational(1n, power, -exponent * Math.abs(n));
  return sign * value;
}

test("pow with a whole exponent is the correctly rounded power (checked against exact big-integer arithmetic)", () => {
  const rng = new NumpyRandom(5);
  const bases = [0.9, 0.99, 0.999, 0.95, 0.5, 1.1, 10, 0.1, 3, -0.7, ...rng.randomArray(40).map((v) => v * 4 - 2)];
  let compared = 0;
  for (const x of bases) {
    for (let n = -40; n <= 60; n++) {
      if (x === 0) continue;
      assert.equal(pow(x, n), exactPower(x, n), `pow(${x}, ${n})`);
      compared++;
    }
  }
  for (const beta of [0.9, 0.999]) {
    for (const t of [100, 257, 1000, 1500, 3001]) assert.equal(pow(beta, t), exactPower(beta, t), `pow(${beta}, ${t})`);
  }
  assert.ok(compared > 4000);
});

test("powers of ten are the doubles their decimal literals denote", () => {
  for (let k = -30; k <= 30; k++) assert.equal(pow(10, k), Number(`1e${k}`), `10^${k}`);
});

test("pow with other exponents stays within a few units in the last place, and keeps IEEE's edge cases", () => {
  const rng = new NumpyRandom(6);
  for (let i = 0; i < 2000; i++) {
    const x = rng.random() * 5, y = rng.random() * 6 - 3;
    const expected = Math.pow(x, y);
    assert.ok(Math.abs(pow(x, y) - expected) <= 8 * Number.EPSILON * Math.abs(expected), `pow(${x}, ${y})`);
  }
  assert.equal(pow(0, 0), 1);
  assert.equal(pow(0, -1), Infinity);
  assert.ok(Number.isNaN(pow(-2, 0.5)));
  assert.ok(Number.isNaN(pow(NaN, 2)));
  assert.equal(pow(2, 1024), Infinity);
  assert.equal(pow(2, -1074), Number.MIN_VALUE);
  assert.equal(pow(Infinity, -2), 0);
});
