/**
 * `npm run dashboard -- [--port N] [--runs DIR] [--host ADDRESS]`: serve the run-comparison page.
 * Exit codes: 2 for a bad flag (one line on stderr naming it), 1 if the server cannot start.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDashboardFlags, usage } from "./dashboard-flags";
import { isLoopback, startDashboard } from "../dashboard/server";
import { readCommandLine } from "./command-line";

async function main(): Promise<void> {
  const flags = readCommandLine("dashboard", process.argv.slice(2), (argv) => parseDashboardFlags(argv), usage);
  if (typeof flags === "number") {
    process.exitCode = flags;
    return;
  }
  const runsDir = path.resolve(flags.runsDir);
  if (!isLoopback(flags.host)) {
    if (!flags.allowRemote) {
      process.stderr.write(`dashboard: --host ${flags.host} is not a loopback address; anyone who can reach it could read the runs. Add --allow-remote to do it anyway\n`);
      process.exit(2);
    }
    process.stderr.write(`dashboard: warning: listening on ${flags.host}, beyond this machine; the dashboard has no login, so anyone who can reach this address can read the runs\n`);
  }
  try {
    const dashboard = await startDashboard({ runsDir, port: flags.port, host: flags.host, allowRemote: flags.allowRemote });
    const note = fs.existsSync(runsDir) ? "" : " (does not exist yet: the page will say how to create a run)";
    console.log(`Dashboard: ${dashboard.url}\nRuns folder: ${runsDir}${note}\nPress Ctrl+C to stop.`);
  } catch (error) {
    process.stderr.write(`dashboard: cannot listen on ${flags.host}:${flags.port}: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

void main();
