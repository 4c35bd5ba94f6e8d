/**
 * The tslab kernelspec this checkout registers, and what makes a registered one unusable.
 *
 * Its argv starts with an absolute node, the preload that tells errors in the learner's terms
 * (kernel/learner-errors.ts), then tslab's script: the kernel runs the Node the set-up
 * ran with, whatever PATH JupyterLab or VS Code was started with. (`tslab install` writes a bare
 * `tslab`, whose `#!/usr/bin/env node` runs the first `node` on that PATH.) A kernelspec whose
 * Node is gone, or older than package.json's `engines` floor, counts as broken, so the set-up
 * registers it again with the Node that runs the set-up.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { learnerErrorsNodeArgs, learnerErrorsPreload } from "./kernel/learner-errors";

/** tslab's own start script (a node script, run by an explicit node). */
export const tslabScript = path.join(repoRoot, "node_modules", "tslab", "bin", "tslab");

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  metadata: { node_version: string };
}

/** The oldest Node major the project supports: package.json's `engines.node` (">=20"). */
export function oldestSupportedNode(): number {
  const range = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).engines?.node as string | undefined;
  const m = /^>=\s*(\d+)/.exec(range ?? "");
  if (!m) throw new Error(`package.json's engines.node should read ">=N", not ${JSON.stringify(range)}`);
  return Number(m[1]);
}

/**
 * The kernelspec for `node` (default: the Node running this process). The display name stays
 * "TypeScript", as the stored notebooks' metadata has it, so opening a chapter changes nothing.
 */
export function kernelSpec(node: string = process.execPath): KernelSpec {
  return {
    argv: [node, ...learnerErrorsNodeArgs(), tslabScript, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
    metadata: { node_version: node === process.execPath ? process.version : nodeVersion(node) ?? "unknown" },
  };
}

/** `node --version` of a binary ("v26.1.0"), or null when it does not run. */
export function nodeVersion(node: string): string | null {
  const r = spawnSync(node, ["--version"], { encoding: "utf8", timeout: 10_000 });
  const v = r.status === 0 ? r.stdout.trim() : "";
  return /^v\d+\.\d+\.\d+/.test(v) ? v : null;
}

const majorOf = (version: string): number => Number(/^v(\d+)/.exec(version)?.[1] ?? NaN);

/** Why a registered tslab kernelspec (its argv, from `where`) cannot run the lesson, or null. */
export function kernelArgvProblem(argv: string[] | null | undefined, where = "the tslab kernel"): string | null {
  if (!argv || argv.length === 0) return "no tslab kernel is registered";
  const node = kernelNode(argv);
  if (node === null) return `${where} starts ${argv[0]} without naming a node, so it runs whichever node is first on PATH`;
  if (!fs.existsSync(node)) return `${where} starts Node at ${node}, which is gone`;
  const script = kernelTslab(argv);
  if (!script || !fs.existsSync(script)) return `${where} starts tslab at ${script ?? "(nothing)"}, which does not exist`;
  const version = nodeVersion(node);
  if (version === null) return `${where} starts ${node}, which does not run as Node`;
  const floor = oldestSupportedNode();
  if (majorOf(version) < floor) return `${where} starts Node ${version}, older than the oldest supported (${floor})`;
  if (!argv.includes(learnerErrorsPreload) || !fs.existsSync(learnerErrorsPreload)) return `${where} does not preload ${learnerErrorsPreload}, which tells errors in the learner's terms`;
  return null;
}

/** The node a registered kernelspec runs, when it names one. */
export function kernelNode(argv: string[] | null | undefined): string | null {
  const first = argv?.[0];
  return first !== undefined && path.isAbsolute(first) && path.basename(first) !== "tslab" ? first : null;
}

/** The tslab script a kernelspec that names its node runs: the first argument after node's own flags. */
export function kernelTslab(argv: string[] | null | undefined): string | null {
  if (!argv || kernelNode(argv) === null) return null;
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === "--require" || argv[i] === "-r") i++;
    else if (!argv[i].startsWith("-")) return argv[i];
  }
  return null;
}

/**
 * Installs `spec` as the "tslab" kernel of `python`'s Jupyter (jupyter_client's own installer):
 * in `python`'s prefix when `inPrefix`, else in the user's Jupyter folder ($JUPYTER_DATA_DIR when
 * set). Returns the kernel.json it wrote. Throws with Python's message on failure.
 */
export function installKernelSpec(python: string, spec: KernelSpec, inPrefix: boolean, env: NodeJS.ProcessEnv = process.env): string {
  const source = `
import json, os, sys, tempfile
from jupyter_client.kernelspec import KernelSpecManager
spec, in_prefix = json.loads(sys.argv[1]), sys.argv[2] == "prefix"
with tempfile.TemporaryDirectory() as folder:
    os.chmod(folder, 0o755)
    with open(os.path.join(folder, "kernel.json"), "w") as f:
        json.dump(spec, f, indent=1, sort_keys=True)
    dest = KernelSpecManager().install_kernel_spec(folder, "tslab", user=not in_prefix, prefix=sys.prefix if in_prefix else None)
print(os.path.join(dest, "kernel.json"))
`;
  const r = spawnSync(python, ["-c", source, JSON.stringify(spec), inPrefix ? "prefix" : "user"], { encoding: "utf8", timeout: 60_000, env });
  if (r.status !== 0) {
    const why = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split("\n").pop();
    throw new Error(`could not register the tslab kernel with ${python}: ${why}`);
  }
  return r.stdout.trim().split("\n").pop()!;
}

/**
 * A private Jupyter folder holding a "tslab" kernelspec for `node`, put first on JUPYTER_PATH:
 * the lesson runner's kernels run the runner's own Node whatever is registered elsewhere.
 * Returns the folder (the caller removes it).
 */
export function privateKernelFolder(parent: string, node: string = process.execPath): string {
  const root = fs.mkdtempSync(path.join(parent, "lesson-kernels-"));
  const dir = path.join(root, "kernels", "tslab");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "kernel.json"), JSON.stringify(kernelSpec(node), null, 1) + "\n");
  return root;
}
