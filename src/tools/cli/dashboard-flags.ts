import { flagHelp, type FlagSpec, parseFlags } from "./flags";
import { defaultRunsDir } from "../../lesson/track/layout";

const FLAGS: Record<string, FlagSpec> = {
  port: {
    kind: "number", integer: true, digits: true, check: (p) => (p >= 0 && p <= 65535 ? null : "must be from 0 to 65535"),
    help: "port to listen on (default 8050; 0 picks a free one)",
  },
  runs: { kind: "string", help: "runs folder to show (default $RUNS_DIR, else <repo>/runs)" },
  host: { kind: "string", help: "interface to listen on (default 127.0.0.1: this machine only)" },
  "allow-remote": { kind: "switch", help: "allow a --host other than loopback (the runs become readable by the network)" },
  help: { kind: "switch", help: "show this help" },
};

export const usage = `usage: npm run dashboard -- [flags]\n\n${flagHelp(FLAGS)}`;

export interface DashboardFlags {
  port: number;
  runsDir: string;
  host: string;
  allowRemote: boolean;
  help: boolean;
}

/** The dashboard's command line; a mistake is a UsageError naming the flag. */
export function parseDashboardFlags(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): DashboardFlags {
  const f = parseFlags(argv, FLAGS);
  return {
    port: (f.port as number | undefined) ?? 8050,
    runsDir: (f.runs as string | undefined) ?? defaultRunsDir(env),
    host: (f.host as string | undefined) ?? "127.0.0.1",
    allowRemote: f["allow-remote"] === true,
    help: f.help === true,
  };
}
