/** Finding the local Jupyter and making sure it is set up (scripts/setup-jupyter.sh). */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";


/** Full path of the `jupyter` command on PATH, or null. */
export function findJupyter(): string | null {
  const r = spawnSync("sh", ["-c", "command -v jupyter"], { encoding: "utf8" });
  const found = r.stdout.trim();
  return r.status === 0 && found ? found : null;
}

/** The Python that runs Jupyter, read from the `jupyter` script's shebang (nbclient lives there). */
export function jupyterPython(): string {
  const jupyter = findJupyter();
  if (jupyter) {
    const shebang = fs.readFileSync(jupyter, "utf8").split("\n")[0];
    const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(shebang);
    if (m) return m[1].endsWith("/env") && m[2] ? m[2] : m[1];
  }
  return "python3";
}

/** Runs scripts/setup-jupyter.sh (quiet when nothing is missing); throws if it fails. */
export function ensureJupyter(): void {
  const script = path.join(repoRoot, "scripts", "setup-jupyter.sh");
  try {
    execFileSync("bash", [script], { stdio: ["ignore", "inherit", "inherit"] });
  } catch {
    throw new Error(`Jupyter set-up failed (${path.relative(process.cwd(), script) || script}); see the messages above`);
  }
}
