import type { MetricDefinition } from "./types";

/**
 * What a run's JSON files may hold, checked field by field as they are read: a hostile or
 * damaged file yields a damaged run with warnings, never a value of the wrong type. Objects come
 * back with a null prototype, so a key such as "constructor" or "__proto__" is only ever data.
 */

/** Deepest nesting of arrays and objects a config may have. */
export const maxConfigDepth = 64;

/** A copy of JSON data with null-prototype objects, or null when nested deeper than `maxDepth`. */
export function plainData(value: unknown, maxDepth = maxConfigDepth): unknown {
  const copy = (item: unknown, depth: number): unknown => {
    if (typeof item !== "object" || item === null) return item;
    if (depth >= maxDepth) throw tooDeep;
    if (Array.isArray(item)) return item.map((element) => copy(element, depth + 1));
    const result: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(item)) result[key] = copy((item as Record<string, unknown>)[key], depth + 1);
    return result;
  };
  try {
    return copy(value, 0);
  } catch (error) {
    if (error === tooDeep) return null;
    throw error;
  }
}
const tooDeep = new Error("too deep");

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The finite-number fields of `value` (null prototype); `dropped` hears each other field's name. */
export function numberFields(value: unknown, dropped: (key: string) => void): Record<string, number> {
  const result: Record<string, number> = Object.create(null);
  if (!isRecord(value)) return result;
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (typeof field === "number" && Number.isFinite(field)) result[key] = field;
    else dropped(key);
  }
  return result;
}

/** Metric definitions as stored: objects whose `stepMetric`, if any, is a string. */
export function metricDefinitions(value: unknown, dropped: (key: string) => void): Record<string, MetricDefinition> {
  const result: Record<string, MetricDefinition> = Object.create(null);
  if (!isRecord(value)) return result;
  for (const key of Object.keys(value)) {
    const definition = value[key];
    if (!isRecord(definition) || (definition.stepMetric !== undefined && typeof definition.stepMetric !== "string")) {
      dropped(key);
      continue;
    }
    result[key] = Object.assign(Object.create(null) as MetricDefinition, definition.stepMetric === undefined ? {} : { stepMetric: definition.stepMetric });
  }
  return result;
}

/** A copy of `record` with a null prototype. */
export function nullProto<T extends object>(record: T): T {
  return Object.assign(Object.create(null) as T, record);
}
