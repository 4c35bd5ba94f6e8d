/**
 * Ties the numbers a chapter's prose states to what the chapter computed. A number written in a
 * markdown cell is "backed" when an output of the notebook shows it (to the precision the prose
 * writes it with: "9.491" is backed by an output 9.49112, "0.2" by 0.196) or when a code cell
 * defines it (a setting such as `const learningRate = 1e-4`). Chapter and exercise references,
 * list numbers and headings' numbers are not claims and are skipped; 0, 1 and 2 are everywhere
 * (formula coefficients, "the first two") and need no backing.
 */
import { Notebook, joinText } from "./notebook-file";
import { claimLines } from "./claim-lines";
import { CLAIM_FAILS, CLAIM_HOLDS } from "../src/lesson/notebook/claim";

export interface ProseNumber {
  /** The number as written ("9.491", "1e-4", "eight"). */
  text: string;
  value: number;
  /** Digits after the decimal point as written (for matching rounded outputs); null: exact only. */
  decimals: number | null;
  /** Index of the markdown cell. */
  cell: number;
  /** The sentence around it, for messages. */
  context: string;
}

const numberWords: Record<string, number> = {
  three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  twenty: 20, thirty: 30, forty: 40, fifty: 50,
};

/**
 * Always allowed: too common to be claims. (Number words from three up are checked like digits;
 * "hundreds" and "a thousand times" are magnitudes, not numbers, and are not read.)
 */
const everywhere = new Set([0, 1, 2]);

/**
 * The exercise prompts of a "Try it" section are instructions ("set h to 1e-10"), not claims:
 * they are dropped, but the collapsed solutions (<details> blocks) stay, since they state results
 * (apart from their inline code).
 */
function withoutExercisePrompts(markdown: string): string {
  const start = markdown.search(/^#+\s*(Try it|Exercises)/im);
  if (start < 0) return markdown;
  // In solutions, inline code is what to type (settings to try), not a result: it is dropped too.
  const solutions = (markdown.slice(start).match(/<details>[\s\S]*?<\/details>/g) ?? []).map((d) => d.replace(/`[^`]*`/g, " "));
  return markdown.slice(0, start) + "\n" + solutions.join("\n");
}

/** Markdown with what is not prose removed: links' targets, HTML tags, references to chapters. */
function proseOf(markdown: string): string {
  return withoutExercisePrompts(markdown)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images: keep the text, drop the target
    .replace(/<[^>]+>/g, " ") // HTML tags (<details>, <summary>)
    .replace(/^#+\s*\d+\.\s*/gm, "") // "# 4. SGD": the chapter's own number
    .replace(/^\s*\d+\.\s+/gm, "") // numbered list items
    .replace(/\b(chapters?|exercises?|sections?|Try it)\s+\d+(\s*(,|and|to|or|-|\u2013)\s*\d+)*/gi, "$1")
    .replace(/\b\d{2}-[a-z][\w-]*(\.ipynb)?/g, " ") // notebook names such as 04-sgd
    .replace(/\\(frac|sqrt|cdot|left|right|quad|qquad|mathrm|text|hat|beta|alpha|eta|lambda|epsilon|mu|sum|partial|top|lVert|rVert|leftarrow|approx|max|min)/g, " ");
}

/** LaTeX powers of ten as plain numbers: 10^{-4} -> 1e-4, 10^4 -> 1e4. */
function plainPowers(text: string): string {
  return text.replace(/(\d+(?:\.\d+)?)\s*(?:\\cdot|\\times)?\s*10\^\{?([-\u2212]?\d+)\}?/g, (_, m, e) => `${m}e${String(e).replace("\u2212", "-")}`)
    .replace(/(?<![\d.])10\^\{?([-\u2212]?\d+)\}?/g, (_, e) => `1e${String(e).replace("\u2212", "-")}`);
}

const numberPattern = /(?<![\w.^-])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.^])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?![A-Za-wyz_\d])/g;

/** Parses "1,000", "9.491", "1e-4", "-3" into a value and the decimals written. */
function parse(token: string): { value: number; decimals: number | null } {
  const plain = token.replace(/,/g, "");
  if (/e/i.test(plain)) return { value: Number(plain), decimals: null };
  const dot = plain.indexOf(".");
  return { value: Number(plain), decimals: dot < 0 ? 0 : plain.length - dot - 1 };
}

/** Every number stated in the notebook's markdown cells. */
export function proseNumbers(nb: Notebook): ProseNumber[] {
  const found: ProseNumber[] = [];
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== "markdown") return;
    const text = plainPowers(proseOf(joinText(cell.source)));
    for (const m of text.matchAll(numberPattern)) {
      const { value, decimals } = parse(m[0]);
      if (!Number.isFinite(value) || everywhere.has(Math.abs(value))) continue;
      found.push({ text: m[0], value, decimals, cell: index, context: around(text, m.index ?? 0) });
    }
    for (const m of text.matchAll(/\b(three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)\b/gi)) {
      found.push({ text: m[0], value: numberWords[m[0].toLowerCase()]!, decimals: 0, cell: index, context: around(text, m.index ?? 0) });
    }
  });
  return found;
}

function around(text: string, at: number): string {
  return text.slice(Math.max(0, at - 50), at + 40).replace(/\s+/g, " ").trim();
}

/** Numbers in a piece of output or code text. */
export function numbersIn(text: string): number[] {
  const values: number[] = [];
  for (const m of plainPowers(text).matchAll(/-?\d+(?:,\d{3})*(?:\.\d+)?(?:e[-+]?\d+)?/gi)) {
    const v = Number(m[0].replace(/,/g, ""));
    if (Number.isFinite(v)) values.push(v);
  }
  return values;
}

/**
 * What can back a prose number: every number in the notebook's outputs (stream text and the
 * text/plain of tables and figures; not the plotly JSON, whose thousands of points would back
 * anything) and every numeric literal of its code cells.
 */
export function backingValues(nb: Notebook): { outputs: number[]; code: number[] } {
  const outputs: number[] = [];
  const code: number[] = [];
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    code.push(...numbersIn(joinText(cell.source)));
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "stream") outputs.push(...numbersIn(joinText(out.text)));
      else if (out.data) {
        const plain = out.data["text/plain"];
        if (plain !== undefined) outputs.push(...numbersIn(joinText(plain as string | string[])));
      }
    }
  }
  return { outputs, code };
}

/** True when `value`, rounded to the decimals the prose writes, reads as the prose number. */
function readsAs(n: ProseNumber, value: number): boolean {
  if (value === n.value) return true;
  if (n.decimals === null) return Math.abs(value - n.value) <= 1e-9 * Math.abs(n.value);
  const scale = 10 ** n.decimals;
  return Math.round(value * scale) / scale === n.value || Number(value.toFixed(n.decimals)) === n.value;
}

/**
 * The prose numbers of `nb` that nothing backs. `allowed` lists numbers the chapter may state
 * without an output (dates of the data, constants of a formula), each with its reason.
 */
export function unbackedNumbers(nb: Notebook, allowed: ReadonlyMap<number, string> = new Map()): ProseNumber[] {
  const { outputs, code } = backingValues(nb);
  const sources = [...outputs, ...code];
  return proseNumbers(nb).filter((n) => {
    if (allowed.has(n.value)) return false;
    if (sources.some((v) => readsAs(n, v) || readsAs(n, -v))) return false;
    return true;
  });
}

/** Claim lines (from `claim`) in the outputs that say their sentence does not hold. */
export function failedClaims(nb: Notebook): string[] {
  return claimLines(nb).filter((l) => l.startsWith(`${CLAIM_FAILS} `));
}

/** Claim lines that hold, for counting. */
export function heldClaims(nb: Notebook): string[] {
  return claimLines(nb).filter((l) => l.startsWith(`${CLAIM_HOLDS} `));
}
