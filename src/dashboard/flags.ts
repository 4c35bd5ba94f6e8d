import { defaultRunsDir } from "../track/layout";

export const usage = `Usage: npm run dashboard -- [--port N] [--runs DIR] [--host ADDRESS]
  --port N        port to listen on (default 8050; 0 picks a free one)
  --runs DIR      runs folder to show (default $RUNS_DIR, else <repo>/runs)
  --host ADDRESS  interface to listen on (default 127.0.0.1: this machine only)`;

export interface DashboardFlags {
  port: number;
  runsDir: string;
  host: string;
  help: boolean;
}

/** A command-line mistake; the message names the flag. */
export class FlagError extends Error {}

/** Parse `--flag value` and `--flag=value` forms; anything unknown or malformed is a FlagError. */
export function parseDashboardFlags(argv: string[], env: NodeJS.ProcessEnv = process.env): DashboardFlags {
  const flags: DashboardFlags = { port: 8050, runsDir: defaultRunsDir(env), host: "127.0.0.1", help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--") && argv[i].includes("=") ? splitOnce(argv[i]) : [argv[i], undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "" || (inline === undefined && v.startsWith("--"))) throw new FlagError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--port": {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new FlagError(`--port must be an integer from 0 to 65535 (got ${JSON.stringify(text)})`);
        flags.port = port;
        break;
      }
      case "--runs":
        flags.runsDir = value();
        break;
      case "--host":
        flags.host = value();
        break;
      case "--help":
      case "-h":
        flags.help = true;
        break;
      default:
        throw new FlagError(`unknown flag ${JSON.stringify(flag)} (see --help)`);
    }
  }
  return flags;
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf("=");
  return [arg.slice(0, at), arg.slice(at + 1)];
}
