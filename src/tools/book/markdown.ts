/**
 * Prose cells to HTML: markdown-it with KaTeX for `$...$` and `$$...$$`. Math KaTeX cannot parse,
 * or a `$` left in the plain text, stops the build naming the cell: the reader would see raw TeX.
 */
import MarkdownIt from "markdown-it";
import katexPlugin from "@vscode/markdown-it-katex";

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(katexPlugin, { output: "html" });

/** The first plain-text piece of the prose that still holds a `$` (math and code excluded). */
function strayDollar(source: string): string | null {
  for (const block of markdown.parse(source, {})) {
    for (const piece of block.children ?? []) {
      if (piece.type === "text" && piece.content.includes("$")) return piece.content;
    }
  }
  return null;
}

export function renderMarkdown(source: string, where: string): string {
  const stray = strayDollar(source);
  if (stray !== null) throw new Error(`${where}: a "$" is left as text (math that does not parse?) in ${JSON.stringify(stray.slice(0, 60))}`);
  const html = markdown.render(source);
  const broken = /class="katex-error"[^>]*title="([^"]*)"/.exec(html) ?? /katex-error" title="([^"]*)"/.exec(html);
  if (broken) throw new Error(`${where}: KaTeX cannot render ${broken[1]}`);
  return html;
}
