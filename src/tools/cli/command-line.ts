import { UsageError } from "./usage-error";

/**
 * The start every CLI here shares: parse the arguments; for --help print the usage; for a
 * mistake print one line `tool: message` on stderr. Returns the parsed arguments, or the exit
 * code to end with (0 after --help, 2 after a mistake).
 */
export function readCommandLine<T extends { help: boolean }>(
  tool: string, argv: readonly string[], parse: (argv: readonly string[]) => T, usage: string,
): T | number {
  let parsed: T;
  try {
    parsed = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${tool}: ${err.message}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  return parsed;
}
