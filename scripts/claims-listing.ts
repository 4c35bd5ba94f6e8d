/**
 * The claims of the chapters, for auditing in one place: every `claim(text, holds, values)` call
 * in a notebook's code cells (found by parsing the cell with the TypeScript compiler), beside the
 * line its stored output printed and the prose sentence it restates.
 */
import ts from "typescript";
import { CLAIM_FAILS, CLAIM_HOLDS } from "../src/lesson/notebook/claim";
import { Notebook, joinText } from "./notebook-file";
import { cellClaimLines } from "./claim-lines";

/** A `claim(...)` call in a code cell, as written. */
export interface ClaimCall {
  cell: number;
  /** 1-based line of the call in its cell. */
  line: number;
  /** The text argument: literal pieces, with null where an expression is spliced in. */
  textPieces: Array<string | null>;
  /** The source of the `holds` argument, on one line. */
  check: string;
}

/** A claim call with a stored line it printed (a call in a loop prints several). */
export interface ClaimEntry {
  call: ClaimCall;
  holds: boolean;
  /** The sentence as printed. */
  text: string;
  /** The values as printed, without the parentheses ("" when there are none). */
  values: string;
  /** The prose sentence next to the cell that the claim restates, or null. */
  prose: string | null;
}

export interface ChapterClaims {
  entries: ClaimEntry[];
  /** Calls no stored output line comes from. */
  unprinted: ClaimCall[];
  /** Stored claim lines that no `claim` call of their cell prints (library checks print these). */
  uncalled: Array<{ cell: number; line: string }>;
}

/** Source on one line, without the breaks and trailing commas of its multi-line layout. */
const oneLine = (source: string) =>
  source
    .replace(/,?\s*\n\s*(?=[)\]])/g, "")
    .replace(/([([])\s*\n\s*/g, "$1")
    .replace(/,?\s*\n\s*/g, (m) => (m.startsWith(",") ? ", " : " "))
    .replace(/, (?=})/g, " ")
    .trim();

/** The literal pieces of a text argument; anything computed becomes a null piece. */
function textPieces(node: ts.Expression): Array<string | null> {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return textPieces(node.expression);
  if (ts.isTemplateExpression(node)) {
    return [node.head.text, ...node.templateSpans.flatMap((span) => [null, span.literal.text])];
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [...textPieces(node.left), ...textPieces(node.right)];
  }
  return [null];
}

function isClaimCallee(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return callee.text === "claim";
  return ts.isPropertyAccessExpression(callee) && callee.name.text === "claim";
}

/** The `claim` calls of one cell's source, in source order. */
export function claimCalls(source: string, cell: number): ClaimCall[] {
  const file = ts.createSourceFile(`cell-${cell}.ts`, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const calls: ClaimCall[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isClaimCallee(node.expression) && node.arguments.length >= 2) {
      calls.push({
        cell,
        line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
        textPieces: textPieces(node.arguments[0]!),
        check: oneLine(node.arguments[1]!.getText(file)),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return calls;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Matches a line `claimLine` prints for this call: mark, text, then optional "(values)". */
function linePattern(call: ClaimCall): RegExp {
  const text = call.textPieces.map((p) => (p === null ? "[^\\n]*?" : escapeRegex(p))).join("");
  return new RegExp(`^([${CLAIM_HOLDS}${CLAIM_FAILS}]) (${text})(?: \\(([^\\n]*)\\))?$`, "u");
}

const stopWords = new Set(
  ("the and than that this with from for are its it's was were has have had but not all any " +
    "one each every both more less most into onto over under after before still while which " +
    "what where when their there they them then also only same other").split(" "),
);

/** The words that carry a sentence's meaning, for telling which sentence a claim restates. */
function contentWords(text: string): Set<string> {
  const plain = text.replace(/10\^\{?(-?\d+)\}?/g, "1e$1"); // LaTeX 10^{-4} reads as 1e-4
  const words = plain.toLowerCase().replace(/[`*_$\\{}]/g, " ").match(/[a-z][a-z'-]*|\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? [];
  const meaningful = words.filter((w) => (w.length > 2 || /\d/.test(w)) && !stopWords.has(w));
  return new Set(meaningful.map((w) => (w.length > 3 ? w.replace(/(?<!s)s$/, "") : w))); // "prices" is "price"
}

/** Markdown split into sentences and list items, with code blocks and HTML tags dropped. */
export function sentences(markdown: string): string[] {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/<[^>]+>/g, " ")
    .split(/\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)/)
    .flatMap((block) => block.replace(/\s*\n\s*/g, " ").split(/(?<=[.!?:]|[.!?]\))\s+(?=[A-Z*`$(])/))
    .map((s) => s.replace(/^\s*(?:[-*]|\d+\.|#+)\s+/, "").trim())
    .filter((s) => s !== "");
}

/**
 * The prose around code cell `cell`: the nearest run of markdown cells above it and the nearest
 * below (a figure's cell may stand between a sentence and the cell that checks it).
 */
function neighbouringProse(nb: Notebook, cell: number): string[] {
  const around: string[] = [];
  const isProse = (i: number) => nb.cells[i]!.cell_type === "markdown";
  for (const step of [-1, 1]) {
    let i = cell + step;
    while (i >= 0 && i < nb.cells.length && !isProse(i)) i += step;
    for (; i >= 0 && i < nb.cells.length && isProse(i); i += step) around.push(joinText(nb.cells[i]!.source));
  }
  return around;
}

/**
 * The sentence next to the cell that shares the most meaning words with the claim, when it
 * shares at least three and at least 40% of the claim's: a claim that restates the prose.
 */
export function restatedSentence(nb: Notebook, cell: number, claimText: string): string | null {
  const wanted = contentWords(claimText);
  let best: { sentence: string; shared: number } | null = null;
  for (const sentence of neighbouringProse(nb, cell).flatMap(sentences)) {
    const words = contentWords(sentence);
    const shared = [...wanted].filter((w) => words.has(w)).length;
    if (!best || shared > best.shared) best = { sentence, shared };
  }
  return best && best.shared >= 3 && best.shared >= 0.4 * wanted.size ? best.sentence : null;
}

/**
 * Every claim call of a notebook matched with the stored lines it printed. A line goes to the
 * first call of its cell whose text it fits, preferring calls that have no line yet.
 */
export function chapterClaims(nb: Notebook): ChapterClaims {
  const result: ChapterClaims = { entries: [], unprinted: [], uncalled: [] };
  nb.cells.forEach((c, cell) => {
    if (c.cell_type !== "code") return;
    const calls = claimCalls(joinText(c.source), cell).map((call) => ({ call, pattern: linePattern(call), printed: 0 }));
    for (const line of cellClaimLines(nb.cells[cell])) {
      const fitting = calls.filter((k) => k.pattern.test(line));
      const chosen = fitting.find((k) => k.printed === 0) ?? fitting[0];
      if (!chosen) {
        result.uncalled.push({ cell, line });
        continue;
      }
      chosen.printed++;
      const [, mark, text, values] = chosen.pattern.exec(line)!;
      result.entries.push({
        call: chosen.call,
        holds: mark === CLAIM_HOLDS,
        text: text!,
        values: values ?? "",
        prose: restatedSentence(nb, cell, text!),
      });
    }
    result.unprinted.push(...calls.filter((k) => k.printed === 0).map((k) => k.call));
  });
  return result;
}

/** A table cell: pipes escaped, code in a span its own backticks cannot close. */
const tableText = (s: string) => s.replace(/\|/g, "\\|");
function tableCode(s: string): string {
  const fence = s.includes("`") ? "``" : "`";
  return `${fence} ${tableText(s)} ${fence}`;
}

/** docs/claims.md: per chapter, each claim's sentence, check, values and verdict side by side. */
export function renderClaims(chapters: Array<{ name: string; nb: Notebook }>): string {
  const out = [
    "# The chapters' claims",
    "",
    "Every `claim(text, holds, values)` of the chapters, with the line its stored output printed:",
    "the sentence, the expression that decides it, the values it printed, and ✓ or ✗. Where the",
    "claim restates a sentence of the prose around its cell, that sentence is in the last column.",
    "Written by `npm run claims` from the stored notebooks; `tests/claims-listing.test.ts` fails",
    "when this page is out of date.",
    "",
  ];
  for (const { name, nb } of chapters) {
    const { entries, uncalled } = chapterClaims(nb);
    out.push(`## ${name}`, "");
    if (entries.length === 0 && uncalled.length === 0) {
      out.push("No claims.", "");
      continue;
    }
    out.push("| cell | | claim | check | values | prose it restates |", "|---|---|---|---|---|---|");
    for (const e of entries) {
      const cells = [`${e.call.cell}`, e.holds ? CLAIM_HOLDS : CLAIM_FAILS, tableText(e.text), tableCode(e.call.check)];
      cells.push(e.values === "" ? "" : tableText(e.values), e.prose === null ? "" : tableText(e.prose));
      out.push(`| ${cells.join(" | ")} |`);
    }
    for (const u of uncalled) {
      out.push(`| ${u.cell} | ${u.line.slice(0, 1)} | ${tableText(u.line.slice(2))} | (printed by a library check) | | |`);
    }
    out.push("");
  }
  return out.join("\n");
}
