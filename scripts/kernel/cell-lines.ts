/**
 * Which line of a cell a position in its compiled JavaScript came from. tslab emits no source
 * map, and its output differs from the cell in ways a line count cannot follow (types dropped,
 * imports rewritten, `exports.x = x` added, long statements split), but the tokens a person
 * wrote mostly survive in order. So both texts are cut into tokens, the longest common
 * subsequence pairs them up, and a position maps through the nearest paired token on its line.
 */
import type ts from "typescript";

/** The part of the TypeScript API used here (tslab's own copy provides it in a kernel). */
export type TokenizerApi = Pick<typeof ts, "createScanner" | "ScriptTarget" | "SyntaxKind">;

interface Token {
  text: string;
  /** Zero-based line. */
  line: number;
  /** Zero-based column of its first character. */
  column: number;
}

export function tokens(api: TokenizerApi, text: string): Token[] {
  const scanner = api.createScanner(api.ScriptTarget.Latest, true);
  scanner.setText(text);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const out: Token[] = [];
  let line = 0;
  // Open braces inside each template literal's `${...}`: a `}` at depth 0 resumes the template.
  const templates: number[] = [];
  for (let kind = scanner.scan(); kind !== api.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const depth = templates.length - 1;
    if (kind === api.SyntaxKind.TemplateHead) templates.push(0);
    else if (kind === api.SyntaxKind.OpenBraceToken && depth >= 0) templates[depth]++;
    else if (kind === api.SyntaxKind.CloseBraceToken && depth >= 0) {
      if (templates[depth] > 0) templates[depth]--;
      else if (scanner.reScanTemplateToken(false) === api.SyntaxKind.TemplateTail) templates.pop();
    }
    const tokenText = scanner.getTokenText();
    const start = scanner.getTextPos() - tokenText.length;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= start) line++;
    out.push({ text: tokenText, line, column: start - lineStarts[line] });
  }
  return out;
}

/** Above this many token pairs the alignment is not attempted (memory: two bytes per pair). */
const maxPairs = 8_000_000;

/** For each token of `b`, the index of the token of `a` paired with it, or -1. */
function align(a: readonly Token[], b: readonly Token[]): Int32Array | null {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > maxPairs) return null;
  // Suffix lengths: lcs[i][j] = longest common subsequence of a[i..] and b[j..].
  const width = m + 1;
  const lcs = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i].text === b[j].text ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const pairs = new Int32Array(m).fill(-1);
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i].text === b[j].text) pairs[j++] = i++;
    else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) i++;
    else j++;
  }
  return pairs;
}

/**
 * Maps positions in `compiled` (tslab's JavaScript for `cell`) to lines of `cell`. Built once
 * per cell and error; the alignment costs about (cell tokens × compiled tokens) steps.
 */
export function cellLineMap(api: TokenizerApi, cell: string, compiled: string): (line: number, column: number) => number | null {
  const source = tokens(api, cell);
  const output = tokens(api, compiled);
  let pairs: Int32Array | null | undefined;
  /** One-based line and column in `compiled` to a one-based line of `cell`, or null. */
  return (line, column) => {
    pairs ??= align(source, output);
    if (pairs === null) return null;
    const onLine = output.map((t, k) => ({ t, k })).filter(({ t, k }) => t.line === line - 1 && pairs![k] >= 0);
    const at = onLine.find(({ t }) => t.column + t.text.length > column - 1) ?? onLine[onLine.length - 1];
    return at ? source[pairs[at.k]].line + 1 : null;
  };
}
