/** @vscode/markdown-it-katex ships no types: a markdown-it plugin taking KaTeX's options. */
declare module "@vscode/markdown-it-katex" {
  import type MarkdownIt from "markdown-it";
  const plugin: (md: MarkdownIt, options?: Record<string, unknown>) => void;
  export default plugin;
}
