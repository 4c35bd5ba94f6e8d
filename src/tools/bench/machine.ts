import { spawnSync } from "node:child_process";
import * as os from "node:os";
import type { Machine } from "./report";
import { tfjsVersion } from "./tfjs-version";

/** The CPU model as lscpu names it (os.cpus() as a fallback). */
function cpuModel(): string {
  const lscpu = spawnSync("lscpu", [], { encoding: "utf8" });
  const line = lscpu.status === 0 ? lscpu.stdout.split("\n").find((l) => l.startsWith("Model name:")) : undefined;
  return line ? line.slice("Model name:".length).trim() : (os.cpus()[0]?.model ?? "unknown");
}

export function machineInfo(extra: Pick<Machine, "python" | "numpy" | "torch" | "loadAverage">): Machine {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    tfjs: tfjsVersion(),
    ...extra,
  };
}
