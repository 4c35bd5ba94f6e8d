import { isSafeSegment } from "../../lesson/track/layout";
import { HttpError } from "./http-error";

/**
 * Query values from the page, checked before they reach the file system: every malformed value
 * is a 400 naming the parameter, never an exception that escapes.
 */
export class Query {
  private readonly params: URLSearchParams;

  constructor(search: string, allowed: string[]) {
    this.params = new URLSearchParams(search);
    for (const key of new Set(this.params.keys())) {
      if (!allowed.includes(key)) throw new HttpError(400, `unknown query parameter "${key}" (expected ${allowed.join(", ")})`);
      if (this.params.getAll(key).length > 1) throw new HttpError(400, `query parameter "${key}" given more than once`);
    }
  }

  /** A project name or run id: one safe folder name. */
  segment(key: string): string {
    const value = this.required(key);
    if (!isSafeSegment(value)) throw new HttpError(400, `${key} must be a plain name of letters, digits, ".", "_" or "-" (got ${JSON.stringify(clip(value))})`);
    return value;
  }

  /** A comma-separated list of 1..max items, each checked by `check`. */
  list(key: string, max: number, check: (item: string) => boolean, what: string): string[] {
    const items = this.required(key).split(",");
    if (items.length > max) throw new HttpError(400, `${key}: at most ${max} items (got ${items.length})`);
    for (const item of items) {
      if (!check(item)) throw new HttpError(400, `${key}: ${JSON.stringify(clip(item))} is not a valid ${what}`);
    }
    if (new Set(items).size !== items.length) throw new HttpError(400, `${key}: an item is repeated`);
    return items;
  }

  /** An optional value from a fixed set; `fallback` when absent. */
  choice<T extends string>(key: string, choices: readonly T[], fallback: T): T {
    const value = this.params.get(key);
    if (value === null) return fallback;
    if (!(choices as readonly string[]).includes(value)) throw new HttpError(400, `${key} must be one of ${choices.join(", ")} (got ${JSON.stringify(clip(value))})`);
    return value as T;
  }

  /** An optional value, null when absent. */
  optional(key: string): string | null {
    return this.params.get(key);
  }

  /** A finite number in plain decimal or exponent form. */
  number(key: string): number {
    const value = this.required(key);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) || !Number.isFinite(Number(value))) {
      throw new HttpError(400, `${key} must be a number (got ${JSON.stringify(clip(value))})`);
    }
    return Number(value);
  }

  required(key: string): string {
    const value = this.params.get(key);
    if (value === null || value === "") throw new HttpError(400, `missing query parameter "${key}"`);
    return value;
  }
}

/** Metric names as the tracker allows them, bounded for the URL. */
export function isMetricName(name: string): boolean {
  return name.length > 0 && name.length <= 128 && !name.startsWith("_");
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
