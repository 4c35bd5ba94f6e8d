/** Code cells as highlighted HTML (highlight.js, TypeScript grammar; classes styled by its CSS). */
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";

hljs.registerLanguage("typescript", typescript);

export function highlightCode(source: string): string {
  return `<pre class="code"><code class="hljs language-typescript">${hljs.highlight(source, { language: "typescript" }).value}</code></pre>`;
}
