/**
 * A node:test reporter that writes one JSON line per finished test (its file, name and whether it
 * passed) to its destination, for scripts/test/run-tests.ts to count. Suites are left out: only
 * tests count.
 */
import type { TestEvent } from "node:test/reporters";

export = async function* countReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const data = event.data as { file?: string; name: string; details?: { type?: string } };
    if (data.details?.type === "suite") continue;
    yield `${JSON.stringify({ file: data.file ?? null, name: data.name, passed: event.type === "test:pass" })}\n`;
  }
};
