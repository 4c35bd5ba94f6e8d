/**
 * What a CLI does when its output streams fail. A closed stderr (its reader gone) only loses
 * progress and messages: the work goes on. A stdout whose reader has gone (`| head -1`) ends the
 * process quietly, as Unix tools do. Any other stdout failure (a full disk) is one line on
 * stderr saying what failed and, through `context`, what is already safe, then exit 1.
 */
export function guardOutputStreams(tool: string, context: () => string = () => ""): void {
  let stderrOpen = true;
  process.stderr.on("error", () => {
    stderrOpen = false;
  });
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    if (stderrOpen) {
      try {
        process.stderr.write(`${tool}: cannot write to stdout: ${error.message}${context()}\n`);
      } catch {
        // nowhere left to say it
      }
    }
    process.exit(1);
  });
}
