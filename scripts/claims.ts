/**
 * `npm run claims`: writes docs/claims.md, the listing of every claim of the stored notebooks
 * beside its check and values (scripts/claims-listing.ts). Run it after re-executing a chapter.
 */
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { chapterClaims, renderClaims } from "./claims-listing";
import { notebooksDir } from "./lesson";
import { listNotebooks, readNotebook } from "./notebook-file";

export const claimsPage = path.join(repoRoot, "docs", "claims.md");

/** The stored chapters, by file name, in order. */
export function storedChapters(): Array<{ name: string; nb: ReturnType<typeof readNotebook> }> {
  return listNotebooks(notebooksDir).map((file) => ({ name: path.basename(file), nb: readNotebook(file) }));
}

function main(argv: string[]): number {
  if (argv.length > 0) {
    console.error(`claims: unexpected argument ${argv[0]} (usage: npm run claims)`);
    return 2;
  }
  const chapters = storedChapters();
  fs.writeFileSync(claimsPage, renderClaims(chapters));
  let count = 0;
  for (const { name, nb } of chapters) {
    const { entries, unprinted } = chapterClaims(nb);
    count += entries.length;
    for (const call of unprinted) console.error(`claims: ${name} cell ${call.cell} line ${call.line}: no stored output line`);
  }
  console.log(`${path.relative(process.cwd(), claimsPage)}: ${count} claims from ${chapters.length} notebooks`);
  return 0;
}

if (require.main === module) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (e) {
    console.error(`claims: ${(e as Error).message}`);
    process.exit(1);
  }
}
