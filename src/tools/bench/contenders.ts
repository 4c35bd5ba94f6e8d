import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../../lesson/paths";
import type { Job } from "./job";

export const CONTENDER_NAMES = ["src", "numpy", "tfjs"] as const;
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

/** The Python interpreter for the numpy contender: $BENCH_PYTHON, else python3 on the PATH. */
export const pythonCommand = (): string => process.env.BENCH_PYTHON ?? "python3";

export const CONTENDERS: Record<ContenderName, Contender> = {
  src: {
    name: "src",
    description: "this package's engine (float64 typed arrays), a fresh node process per repetition",
    command: (job) => ({ file: process.execPath, args: [workerPath("src-worker.js"), JSON.stringify(job)] }),
  },
  numpy: {
    name: "numpy",
    description: "scripts/bench/numpy_lesson.py, the lesson's Python code on numpy (float64), a fresh python3 process per repetition, OpenBLAS on one thread like the other two",
    command: (job) => ({
      file: pythonCommand(),
      args: [path.join(repoRoot, "scripts", "bench", "numpy_lesson.py"), JSON.stringify(job)],
      // One BLAS thread: the other contenders use one core, and on a busy two-core machine
      // OpenBLAS's spinning threads can cost numpy seconds.
      env: { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1" },
    }),
  },
  tfjs: {
    name: "tfjs",
    description: "@tensorflow/tfjs CPU backend (float32): tf.variable, tf.variableGrads, tf.train optimizers, a fresh node process per repetition",
    command: (job) => ({ file: process.execPath, args: [workerPath("tfjs-worker.js"), JSON.stringify(job)] }),
  },
};

/** Python and numpy versions, or the reason the numpy contender cannot run here. */
export function probeNumpy(): { python: string; numpy: string } | { notice: string } {
  const python = pythonCommand();
  const probe = spawnSync(python, ["-c", "import sys, numpy; print(sys.version.split()[0], numpy.__version__)"], { encoding: "utf8" });
  if (probe.error) return { notice: `numpy skipped: cannot run ${python} (${probe.error.message})` };
  if (probe.status !== 0) return { notice: `numpy skipped: ${python} cannot import numpy (${probe.stderr.trim().split("\n").at(-1)})` };
  const [pythonVersion, numpyVersion] = probe.stdout.trim().split(" ");
  return { python: pythonVersion!, numpy: numpyVersion! };
}
