import { InputError } from "@bedrock-embeddings/core";

/**
 * A value that survives `JSON.stringify` / `JSON.parse` unchanged: what payloads and metadata may hold.
 *
 * @example
 * const value: JsonValue = { topic: "drinks", tags: ["tea"], priority: 2 };
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A JSON object: the shape of a vector store payload and of a filter.
 *
 * @example
 * const payload: JsonObject = { user_id: "alice", data: "likes tea" };
 */
export type JsonObject = { [key: string]: JsonValue };

/**
 * Throws an InputError unless `value` is a plain JSON value (no undefined, functions, NaN,
 * class instances or cycles), so what is stored is exactly what is read back after a restart.
 *
 * @example
 * assertJsonValue({ topic: "drinks" }, "metadata"); // ok
 * assertJsonValue({ when: new Date() }, "metadata"); // throws: metadata.when is not plain JSON
 */
export function assertJsonValue(
  value: unknown,
  label: string,
  seen: Set<object> = new Set(),
): asserts value is JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return;
    throw notJson(label, `is ${String(value)}`);
  }
  if (typeof value !== "object") throw notJson(label, `is a ${typeof value}`);
  if (seen.has(value)) throw notJson(label, "is a circular reference");
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      assertJsonValue(item, `${label}[${index}]`, seen);
    });
  } else {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw notJson(label, `is a ${value.constructor?.name ?? "class instance"}, not a plain object`);
    }
    for (const [key, item] of Object.entries(value)) assertJsonValue(item, `${label}.${key}`, seen);
  }
  seen.delete(value);
}

/**
 * True when `value` is a plain object (not null, not an array).
 *
 * @example
 * isPlainObject({}); // true
 * isPlainObject([]); // false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Deep equality of two JSON values; object key order does not matter.
 *
 * @example
 * jsonEqual({ a: [1, 2] }, { a: [1, 2] }); // true
 */
export function jsonEqual(left: JsonValue | undefined, right: JsonValue | undefined): boolean {
  if (left === right) return true;
  if (typeof left !== "object" || typeof right !== "object" || left === null || right === null) return false;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => jsonEqual(item, right[index]));
  }
  const leftKeys = Object.keys(left);
  if (leftKeys.length !== Object.keys(right).length) return false;
  return leftKeys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]));
}

function notJson(label: string, problem: string): InputError {
  return new InputError(`${label} ${problem}; only plain JSON values can be stored.`, {
    fix: "Use strings, finite numbers, booleans, null, arrays and plain objects (e.g. an ISO string for a date).",
  });
}
