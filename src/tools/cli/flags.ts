import { UsageError } from "./usage-error";

/** How one flag is read: a number (with a range check), one of a set of words, or a switch. */
export type FlagSpec =
  | { kind: "number"; integer?: boolean; digits?: boolean; check?: (v: number) => string | null; help: string }
  | { kind: "choice"; choices: readonly string[]; help: string }
  | { kind: "string"; help: string }
  | { kind: "switch"; help: string };

export type FlagValues = Record<string, number | string | boolean>;

/**
 * Parse `--name value`, `--name=value` and `--switch` arguments against a spec.
 * Throws UsageError naming the flag and what is wrong: unknown, repeated, missing value,
 * not a number, not an integer, out of range, not one of the choices.
 */
export function parseFlags(argv: readonly string[], spec: Record<string, FlagSpec>): FlagValues {
  const values: FlagValues = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}" (flags start with --; see --help)`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const flag = spec[name];
    if (!flag) throw new UsageError(`unknown flag --${name} (see --help)`);
    if (name in values) throw new UsageError(`--${name} is given twice`);
    if (flag.kind === "switch") {
      if (eq >= 0) throw new UsageError(`--${name} is a switch and takes no value`);
      values[name] = true;
      continue;
    }
    let raw: string | undefined;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !/^--[a-z]/.test(argv[i + 1]!)) raw = argv[++i];
    if (raw === undefined || raw === "") throw new UsageError(`--${name} needs a value`);
    values[name] = readValue(name, raw, flag);
  }
  return values;
}

const plainNumber = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function readValue(name: string, raw: string, flag: FlagSpec): number | string {
  if (flag.kind === "choice") {
    if (!flag.choices.includes(raw)) throw new UsageError(`--${name} must be one of ${flag.choices.join(", ")}, got "${raw}"`);
    return raw;
  }
  if (flag.kind !== "number") return raw;
  const value = Number(raw);
  // Decimal and exponent forms only: Number() would also take "0x10", "0b11", " 1e3 " and "".
  if (!plainNumber.test(raw) || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number (like 32, 0.001 or 1e-3), got "${raw}"`);
  if (flag.integer && !Number.isInteger(value)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  if (flag.digits && !/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number in decimal digits, got "${raw}"`);
  const problem = flag.check?.(value);
  if (problem) throw new UsageError(`--${name} ${problem}, got ${raw}`);
  return value;
}

/** The --help text for a spec. */
export function flagHelp(spec: Record<string, FlagSpec>): string {
  return Object.entries(spec)
    .map(([name, f]) => {
      const arg = f.kind === "switch" ? "" : f.kind === "choice" ? ` ${f.choices.join("|")}` : f.kind === "number" ? (f.integer ? " N" : " F") : " VALUE";
      return `  --${(name + arg).padEnd(34)} ${f.help}`;
    })
    .join("\n");
}

/** Range checks shared by the CLIs. */
export const positive = (v: number) => (v > 0 ? null : "must be > 0");
export const atLeastOne = (v: number) => (v >= 1 ? null : "must be at least 1");
export const nonNegative = (v: number) => (v >= 0 ? null : "must be >= 0");
export const unitInterval = (v: number) => (v >= 0 && v < 1 ? null : "must be in [0, 1)");
