/**
 * Reading problems, capped: a damaged run with 150,000 bad lines must not become 150,000
 * warnings (12 MB of JSON on the dashboard, a notebook flooded). Keeps the first few and counts
 * the rest into one closing line.
 */
export const shownWarnings = 5;

export class WarningList {
  private readonly first: string[] = [];
  private more = 0;

  add = (message: string): void => {
    if (this.first.length < shownWarnings) this.first.push(message);
    else this.more += 1;
  };

  /** The first warnings, then "... and N more" when some were left out. */
  list(): string[] {
    return this.more === 0 ? [...this.first] : [...this.first, `... and ${this.more} more problem${this.more === 1 ? "" : "s"} like these`];
  }
}
