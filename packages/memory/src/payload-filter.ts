import { InputError } from "@bedrock-embeddings/core";
import { assertJsonValue, isPlainObject, type JsonObject, jsonEqual } from "./json-value.js";
import type { VectorStoreFilter } from "./vector-store.js";

/**
 * True when every key of `filter` is in `payload` with an equal value (exact, deep JSON match).
 *
 * @example
 * matchesFilter({ user_id: "alice", topic: "drinks" }, { user_id: "alice" }); // true
 * matchesFilter({ user_id: "bob" }, { user_id: "alice" }); // false
 */
export function matchesFilter(payload: JsonObject, filter: VectorStoreFilter | undefined): boolean {
  if (!filter) return true;
  for (const [key, expected] of Object.entries(filter)) {
    if (!Object.hasOwn(payload, key) || !jsonEqual(payload[key], expected)) return false;
  }
  return true;
}

/**
 * Throws an InputError unless `filter` is undefined or a plain object of JSON values.
 *
 * @example
 * assertFilter({ user_id: "alice" }); // ok
 */
export function assertFilter(filter: unknown): asserts filter is VectorStoreFilter | undefined {
  if (filter === undefined) return;
  if (!isPlainObject(filter)) {
    throw new InputError("filter must be a plain object of exact-match values.", {
      fix: 'Pass e.g. { user_id: "alice", topic: "drinks" }.',
    });
  }
  assertJsonValue(filter, "filter");
}

/**
 * Throws an InputError unless `limit` is a positive integer.
 *
 * @example
 * assertLimit(20, "topK"); // ok
 */
export function assertLimit(limit: unknown, label: string): asserts limit is number {
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1) {
    throw new InputError(
      `${label} must be a positive integer, got ${JSON.stringify(limit) ?? String(limit)}.`,
      {
        fix: `Pass e.g. ${label}: 20.`,
      },
    );
  }
}
