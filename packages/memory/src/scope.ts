import { InputError } from "@bedrock-embeddings/core";
import { assertJsonValue, isPlainObject, type JsonObject } from "./json-value.js";
import type { MemoryScope } from "./memory-types.js";
import type { VectorStoreFilter } from "./vector-store.js";

/** The payload keys of the scope ids, as mem0 stores them. */
export const SCOPE_KEYS = ["user_id", "agent_id", "run_id"] as const;
/** One of `user_id`, `agent_id`, `run_id`. */
export type ScopeKey = (typeof SCOPE_KEYS)[number];

const CAMEL_TO_SCOPE_KEY: Record<string, ScopeKey> = {
  userId: "user_id",
  agentId: "agent_id",
  runId: "run_id",
};
/** Payload keys that hold the memory itself; filters match metadata and scope only. */
const CONTENT_KEYS = ["data", "hash", "created_at", "updated_at"];

/**
 * The scope of `add` or `deleteAll` as payload keys; at least one id is required.
 *
 * @example
 * scopeFromOptions({ userId: "alice" }, "add"); // { user_id: "alice" }
 */
export function scopeFromOptions(options: MemoryScope, method: string): Record<string, string> {
  const scope: Record<string, string> = {};
  for (const [camel, key] of Object.entries(CAMEL_TO_SCOPE_KEY)) {
    const value = options[camel as keyof MemoryScope];
    if (value !== undefined) scope[key] = requireScopeId(value, camel);
  }
  if (Object.keys(scope).length === 0) {
    throw new InputError(`${method}() needs at least one of userId, agentId or runId.`, {
      fix:
        method === "deleteAll"
          ? 'Pass e.g. { userId: "alice" }; to delete every memory, call reset().'
          : `Pass e.g. ${method}(text, { userId: "alice" }) so memories stay separate per user, agent or run.`,
    });
  }
  return scope;
}

/**
 * The store filter for `search` / `getAll` filters: `userId`-style keys become `user_id`, other
 * keys match metadata exactly; at least one scope id is required.
 *
 * @example
 * filterFromFilters({ userId: "alice", topic: "drinks" }, "search"); // { user_id: "alice", topic: "drinks" }
 */
export function filterFromFilters(filters: unknown, method: string): VectorStoreFilter {
  if (!isPlainObject(filters)) {
    throw new InputError(`${method}() needs filters with at least one of user_id, agent_id or run_id.`, {
      fix: `Pass e.g. ${method}(${method === "search" ? "query, " : ""}{ filters: { user_id: "alice" } }).`,
    });
  }
  const filter: JsonObject = {};
  for (const [rawKey, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    const key = CAMEL_TO_SCOPE_KEY[rawKey] ?? rawKey;
    if (CONTENT_KEYS.includes(key)) {
      throw new InputError(
        `filters.${rawKey} is not a metadata key; filters match scope ids and metadata exactly.`,
        {
          fix: "Search by text with search(); filter by user_id, agent_id, run_id or your metadata keys.",
        },
      );
    }
    const checked = isScopeKey(key) ? requireScopeId(value, `filters.${rawKey}`) : jsonValue(value, rawKey);
    if (Object.hasOwn(filter, key) && filter[key] !== checked) {
      throw new InputError(
        `filters give two different values for ${key} (as ${key} and its camelCase form).`,
        {
          fix: "Pass each scope id once.",
        },
      );
    }
    filter[key] = checked;
  }
  if (!SCOPE_KEYS.some((key) => Object.hasOwn(filter, key))) {
    throw new InputError(`${method}() filters need at least one of user_id, agent_id or run_id.`, {
      fix: 'Add the scope, e.g. { filters: { user_id: "alice" } }, so one user never sees another\'s memories.',
    });
  }
  return filter;
}

function isScopeKey(key: string): key is ScopeKey {
  return (SCOPE_KEYS as readonly string[]).includes(key);
}

function requireScopeId(value: unknown, label: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InputError(
      `${label} must be a non-empty string, got ${JSON.stringify(value) ?? String(value)}.`,
      {
        fix: `Pass an id such as "alice".`,
      },
    );
  }
  return value;
}

function jsonValue(value: unknown, key: string) {
  assertJsonValue(value, `filters.${key}`);
  return value;
}
