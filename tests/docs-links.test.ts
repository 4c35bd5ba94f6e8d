import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../src/lesson/paths";

const README_MAX_LINES = 200;

/** The README, every page in docs/ and the results page: the files a reader follows links through. */
function pages(): string[] {
  const docs = fs.readdirSync(path.join(repoRoot, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f));
  return ["README.md", path.join("bench-results", "README.md"), ...docs];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-");

function anchors(file: string): Set<string> {
  const text = fs.readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  return new Set([...text.matchAll(/^#+ (.*)$/gm)].map((m) => anchorOf(m[1]!)));
}

/** Relative links that name no file, or a heading the file lacks, as "page: link". */
export function deadLinks(page: string): string[] {
  const text = fs.readFileSync(path.join(repoRoot, page), "utf8").replace(/```[\s\S]*?```/g, "");
  const dead: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const link = m[1]!;
    if (/^[a-z]+:/i.test(link)) continue;
    const [target, anchor] = link.split("#") as [string, string | undefined];
    const file = target === "" ? path.join(repoRoot, page) : path.resolve(repoRoot, path.dirname(page), target);
    if (!file.startsWith(repoRoot) || !fs.existsSync(file)) { dead.push(`${page}: ${link}`); continue; }
    if (anchor !== undefined && file.endsWith(".md") && !anchors(file).has(anchor)) dead.push(`${page}: ${link}`);
  }
  return dead;
}

test("every relative link in the README and docs/ names an existing file and heading", () => {
  assert.deepEqual(pages().flatMap(deadLinks), []);
});

test(`the README stays a front door: at most ${README_MAX_LINES} lines`, () => {
  const lines = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8").split("\n").length;
  assert.ok(lines <= README_MAX_LINES, `README.md has ${lines} lines`);
});

test("a link to a missing file or heading is reported", () => {
  const dir = fs.mkdtempSync(path.join(repoRoot, "docs", ".links-"));
  const page = path.join(path.relative(repoRoot, dir), "page.md");
  try {
    fs.writeFileSync(path.join(repoRoot, page), "# Here\n\n[ok](#here) [gone](missing.md) [no heading](#nowhere) [web](https://example.com)\n");
    assert.deepEqual(deadLinks(page), [`${page}: missing.md`, `${page}: #nowhere`]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
