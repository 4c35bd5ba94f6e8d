import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { kernelsFma } from "../../engine/instance";
import { repoRoot } from "../../lesson/paths";
import type { Job } from "./job";

export const CONTENDER_NAMES = ["src", "numpy", "tfjs", "torch"] as const;
export type ContenderName = (typeof CONTENDER_NAMES)[number];

/** How to start one repetition of a contender: a fresh process that prints the job's JobOutput. */
export interface Contender {
  name: ContenderName;
  /** What it is, for the table's notes and the README. */
  description: string;
  /** The program and arguments that run one job. */
  command(job: Job): { file: string; args: string[]; env?: NodeJS.ProcessEnv };
}

const workerPath = (file: string) => path.join(repoRoot, "dist", "src", "tools", "bench", file);

/** The Python interpreter for the numpy and torch contenders: $BENCH_PYTHON, else python3 on the PATH. */
export const pythonCommand = (): string => process.env.BENCH_PYTHON ?? "python3";

/** One Python script under scripts/bench per repetition, its math libraries held to one thread. */
const pythonScript = (script: string) => (job: Job) => ({
  file: pythonCommand(),
  args: [path.join(repoRoot, "scripts", "bench", script), JSON.stringify(job)],
  // One thread: the other contenders use one core, and on a busy two-core machine spinning
  // BLAS threads can cost seconds.
  env: { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
});

export const CONTENDERS: Record<ContenderName, Contender> = {
  src: {
    name: "src",
    description: `this package's engine (float64 typed arrays; ${kernelsFma ? "relaxed SIMD's fused multiply-add in the large-layer products, which are then within 1e-12 of the lesson's loops rather than bit for bit" : "no fused multiply-add: relaxed SIMD unavailable or ENGINE_NO_FMA=1"}), a fresh node process per repetition`,
    command: (job) => ({ file: process.execPath, args: [workerPath("src-worker.js"), JSON.stringify(job)] }),
  },
  numpy: {
    name: "numpy",
    description: "scripts/bench/numpy_lesson.py, the lesson's Python code on numpy (float64), a fresh python3 process per repetition, OpenBLAS on one thread like the other two",
    command: pythonScript("numpy_lesson.py"),
  },
  tfjs: {
    name: "tfjs",
    description: "@tensorflow/tfjs CPU backend (float32): tf.variable, tf.variableGrads, tf.train optimizers, a fresh node process per repetition",
    command: (job) => ({ file: process.execPath, args: [workerPath("tfjs-worker.js"), JSON.stringify(job)] }),
  },
  torch: {
    name: "torch",
    description: "scripts/bench/torch_lesson.py, PyTorch on the CPU (float64): nn.Linear layers, autograd, torch.optim SGD and AdamW, torch.set_num_threads(1), a fresh python3 process per repetition",
    command: pythonScript("torch_lesson.py"),
  },
};

/** The Python modules each Python contender imports (torch_lesson.py reuses numpy_lesson.py's loader). */
const PYTHON_MODULES: Partial<Record<ContenderName, string[]>> = { numpy: ["numpy"], torch: ["numpy", "torch"] };

/**
 * The Python version and the contender's library version, or the reason it cannot run here
 * (null for a contender that is not Python).
 */
export function probePython(name: ContenderName): { python: string; version: string } | { notice: string } | null {
  const modules = PYTHON_MODULES[name];
  if (!modules) return null;
  const python = pythonCommand();
  const code = `import sys, ${modules.join(", ")}; print(sys.version.split()[0], ${modules.at(-1)}.__version__)`;
  const probe = spawnSync(python, ["-c", code], { encoding: "utf8" });
  const hint = name === "torch" ? "; bash scripts/setup-bench.sh installs the CPU wheel" : "";
  if (probe.error) return { notice: `${name} skipped: cannot run ${python} (${probe.error.message})` };
  if (probe.status !== 0) return { notice: `${name} skipped: ${python} cannot import ${modules.join(" and ")} (${probe.stderr.trim().split("\n").at(-1)})${hint}` };
  const [pythonVersion, version] = probe.stdout.trim().split(" ");
  return { python: pythonVersion!, version: version! };
}
