/**
 * `claim(text, holds, values)`: a sentence of the chapter checked against the numbers it is about.
 * It prints one line, "✓ text (values)" or "✗ text (values)", and never throws: a learner who
 * changes a setting may make a claim false, and the chapter should then say so and run on.
 * The stored notebooks are tested for ✗ lines (tests/chapter-claims.test.ts), so a re-execution
 * that stops supporting a sentence fails `npm test`.
 */
import { formatValue } from "./figure-style";

export const CLAIM_HOLDS = "\u2713";
export const CLAIM_FAILS = "\u2717";

/** The values a claim rests on, by name; numbers are written as `formatValue` writes them. */
export type ClaimValues = Record<string, number | string | boolean>;

/** The line `claim` prints. */
export function claimLine(text: string, holds: boolean, values: ClaimValues = {}): string {
  const shown = Object.entries(values).map(([name, v]) => `${name} ${typeof v === "number" ? formatValue(v) : String(v)}`);
  return `${holds ? CLAIM_HOLDS : CLAIM_FAILS} ${text}${shown.length ? ` (${shown.join(", ")})` : ""}`;
}

/**
 * Prints whether `text` holds, with the values it rests on. Returns nothing, so a cell ending
 * with a claim shows just the line (use `claimLine` for the text, or test `holds` yourself).
 */
export function claim(text: string, holds: boolean, values: ClaimValues = {}): void {
  console.log(claimLine(text, holds, values));
}
