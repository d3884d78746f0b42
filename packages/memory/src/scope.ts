import { InputError } from "@bedrock-embeddings/core";
import type { FilterExpression } from "./filter/filter-expression.js";
import { andOf, parseFilter } from "./filter/parse-filter.js";
import { isPlainObject } from "./json-value.js";
import type { MemoryScope } from "./memory-types.js";

/** The payload keys of the scope ids, as mem0 stores them. */
export const SCOPE_KEYS = ["user_id", "agent_id", "run_id"] as const;
/** One of `user_id`, `agent_id`, `run_id`. */
export type ScopeKey = (typeof SCOPE_KEYS)[number];

const CAMEL_TO_SCOPE_KEY: Record<string, ScopeKey> = {
  userId: "user_id",
  agentId: "agent_id",
  runId: "run_id",
};

/**
 * The scope of `add` or `deleteAll` as payload keys, ids trimmed; at least one id is required.
 *
 * @example
 * scopeFromOptions({ userId: " alice " }, "add"); // { user_id: "alice" }
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
 * The equality filter of a scope from `scopeFromOptions`.
 *
 * @example
 * scopeFilter({ user_id: "alice" }); // { kind: "compare", key: "user_id", operator: "eq", value: "alice" }
 */
export function scopeFilter(scope: Record<string, string>): FilterExpression {
  return andOf(
    Object.entries(scope).map(([key, value]) => ({ kind: "compare", key, operator: "eq", value }) as const),
  );
}

/**
 * The store filter for mem0 v3 `filters`: `userId`-style keys become `user_id`, scope ids are
 * trimmed, every other key and operator is parsed by `parseFilter`. When `requireScope` is set
 * (search, getAll), at least one of user_id, agent_id, run_id must be given as a plain id at the
 * top level, so one user never sees another's memories.
 *
 * @example
 * filterFromFilters({ userId: "alice", priority: { gte: 2 } }, "search", true);
 */
export function filterFromFilters(filters: unknown, method: string, requireScope: boolean): FilterExpression {
  if (!isPlainObject(filters)) {
    throw new InputError(`${method}() needs filters with at least one of user_id, agent_id or run_id.`, {
      fix: `Pass e.g. ${method}(${method === "search" ? "query, " : ""}{ filters: { user_id: "alice" } }).`,
    });
  }
  const written: Record<string, unknown> = {};
  let scoped = false;
  for (const [rawKey, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    const key = CAMEL_TO_SCOPE_KEY[rawKey] ?? rawKey;
    let checked = value;
    if (isScopeKey(key)) {
      checked = requireScopeId(value, `filters.${rawKey}`);
      scoped = true;
    }
    if (Object.hasOwn(written, key) && written[key] !== checked) {
      throw new InputError(
        `filters give two different values for ${key} (as ${key} and its camelCase form).`,
        {
          fix: "Pass each scope id once.",
        },
      );
    }
    written[key] = checked;
  }
  if (requireScope && !scoped) {
    throw new InputError(`${method}() filters need at least one of user_id, agent_id or run_id.`, {
      fix: 'Add the scope, e.g. { filters: { user_id: "alice" } }, so one user never sees another\'s memories.',
    });
  }
  return parseFilter(written, "filters");
}

function isScopeKey(key: string): key is ScopeKey {
  return (SCOPE_KEYS as readonly string[]).includes(key);
}

function requireScopeId(value: unknown, label: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InputError(
      `${label} must be a non-empty id string, got ${JSON.stringify(value) ?? String(value)}.`,
      {
        fix: 'Pass an id such as "alice" (operators and "*" are not accepted on scope ids).',
      },
    );
  }
  const trimmed = value.trim();
  if (trimmed === "*") {
    throw new InputError(`${label} is "*": a scope needs a concrete id.`, {
      fix: "Name the user, agent or run; to go through every memory, use export or list each scope.",
    });
  }
  if (/\s/.test(trimmed)) {
    throw new InputError(`${label} ${JSON.stringify(value)} contains whitespace.`, {
      fix: 'Use an id without spaces, e.g. "alice" or "user-42".',
    });
  }
  return trimmed;
}
