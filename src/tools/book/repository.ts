/**
 * Where the notebooks live on GitHub, for each page's link: $GITHUB_REPOSITORY (set in GitHub
 * Actions) or package.json's "repository"; the branch is $GITHUB_REF_NAME or main.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export function notebookRepository(root: string, env: NodeJS.ProcessEnv = process.env): { repository: string | null; branch: string } {
  const branch = env.GITHUB_REF_NAME || "main";
  if (env.GITHUB_REPOSITORY) return { repository: env.GITHUB_REPOSITORY, branch };
  const declared = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { repository?: string | { url?: string } }).repository;
  const url = typeof declared === "string" ? declared : declared?.url ?? "";
  const match = /github(?:\.com[/:]|:)([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(url);
  return { repository: match ? match[1] : null, branch };
}
