/**
 * Prose cells to HTML: markdown-it with KaTeX for `$...$` and `$$...$$`. Math KaTeX cannot parse,
 * or a `$` left in the plain text, stops the build naming the cell: the reader would see raw TeX.
 */
import MarkdownIt from "markdown-it";
import katexPlugin from "@vscode/markdown-it-katex";

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(katexPlugin, { output: "html" });

/** Renders a prose image through `env.imageSource`, which says where the site keeps the file. */
type ImageSource = (src: string) => string;
const defaultImage = markdown.renderer.rules.image!;
markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index];
  token.attrSet("src", ((env as { imageSource: ImageSource }).imageSource)(String(token.attrGet("src") ?? "")));
  return defaultImage(tokens, index, options, env, self);
};

/** The first plain-text piece of the prose that still holds a `$` (math and code excluded). */
function strayDollar(source: string): string | null {
  for (const block of markdown.parse(source, {})) {
    for (const piece of block.children ?? []) {
      if (piece.type === "text" && piece.content.includes("$")) return piece.content;
    }
  }
  return null;
}

/**
 * `imageSource` maps an image's src as written in the notebook to its place in the site (and may
 * throw for a file that does not exist); by default the src is kept.
 */
export function renderMarkdown(source: string, where: string, imageSource: ImageSource = (src) => src): string {
  const stray = strayDollar(source);
  if (stray !== null) throw new Error(`${where}: a "$" is left as text (math that does not parse?) in ${JSON.stringify(stray.slice(0, 60))}`);
  let html: string;
  try {
    html = markdown.render(source, { imageSource });
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  const broken = /class="katex-error"[^>]*title="([^"]*)"/.exec(html) ?? /katex-error" title="([^"]*)"/.exec(html);
  if (broken) throw new Error(`${where}: KaTeX cannot render ${broken[1]}`);
  return html;
}
