/**
 * `npm run dashboard -- [--port N] [--runs DIR] [--host ADDRESS]`: serve the run-comparison page.
 * Exit codes: 2 for a bad flag (one line on stderr naming it), 1 if the server cannot start.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { FlagError, parseDashboardFlags, usage } from "../dashboard/flags";
import { startDashboard } from "../dashboard/server";

async function main(): Promise<void> {
  let flags;
  try {
    flags = parseDashboardFlags(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    process.stderr.write(`dashboard: ${error.message}\n`);
    process.exit(2);
  }
  if (flags.help) {
    console.log(usage);
    return;
  }
  const runsDir = path.resolve(flags.runsDir);
  try {
    const dashboard = await startDashboard({ runsDir, port: flags.port, host: flags.host });
    const note = fs.existsSync(runsDir) ? "" : " (does not exist yet: the page will say how to create a run)";
    console.log(`Dashboard: ${dashboard.url}\nRuns folder: ${runsDir}${note}\nPress Ctrl+C to stop.`);
  } catch (error) {
    process.stderr.write(`dashboard: cannot listen on ${flags.host}:${flags.port}: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

void main();
