import { type JsonObject, type JsonValue, jsonEqual } from "../json-value.js";
import type { FilterExpression } from "./filter-expression.js";

/**
 * True when `payload` satisfies `expression` (see `FilterOperator` for each operator's meaning).
 * No filter matches everything. This is the reference semantics that every backend must agree with.
 *
 * @example
 * matchesFilter({ user_id: "alice", priority: 3 }, parseFilter({ priority: { gte: 2 } })); // true
 */
export function matchesFilter(payload: JsonObject, expression: FilterExpression | undefined): boolean {
  if (!expression) return true;
  switch (expression.kind) {
    case "and":
      return expression.clauses.every((clause) => matchesFilter(payload, clause));
    case "or":
      return expression.clauses.some((clause) => matchesFilter(payload, clause));
    case "not":
      return !matchesFilter(payload, expression.clause);
    case "compare": {
      const present = Object.hasOwn(payload, expression.key);
      return compareValue(present ? payload[expression.key] : undefined, present, expression);
    }
  }
}

function compareValue(
  stored: JsonValue | undefined,
  present: boolean,
  { operator, value }: Extract<FilterExpression, { kind: "compare" }>,
): boolean {
  switch (operator) {
    case "exists":
      return present;
    case "eq":
      return present && jsonEqual(stored, value);
    case "ne":
      return !present || !jsonEqual(stored, value);
    case "in":
      return present && (value as JsonValue[]).some((candidate) => jsonEqual(stored, candidate));
    case "nin":
      return !present || !(value as JsonValue[]).some((candidate) => jsonEqual(stored, candidate));
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return present && ordered(stored, value, operator);
    case "contains":
      if (typeof stored === "string") return typeof value === "string" && stored.includes(value);
      return Array.isArray(stored) && stored.some((element) => jsonEqual(element, value));
    case "icontains":
      return (
        typeof stored === "string" &&
        typeof value === "string" &&
        stored.toLowerCase().includes(value.toLowerCase())
      );
  }
}

function ordered(
  stored: JsonValue | undefined,
  bound: JsonValue,
  operator: "gt" | "gte" | "lt" | "lte",
): boolean {
  if (typeof stored !== typeof bound || (typeof stored !== "number" && typeof stored !== "string"))
    return false;
  const left = stored as number | string;
  const right = bound as number | string;
  if (operator === "gt") return left > right;
  if (operator === "gte") return left >= right;
  if (operator === "lt") return left < right;
  return left <= right;
}
