import type { JsonValue } from "../json-value.js";

/**
 * Comparison operators of a filter, mem0's names. `exists` is mem0's `"*"` wildcard.
 * - `eq` / `ne`: deep JSON equality (`ne` also matches when the key is absent).
 * - `gt` `gte` `lt` `lte`: numbers numerically, strings by code unit order (ISO dates sort right);
 *   a stored value of another type never matches.
 * - `in` / `nin`: equal to one of / none of a list (`nin` also matches when the key is absent).
 * - `contains`: a string holding the substring, or an array holding an equal element.
 * - `icontains`: a string holding the substring, ignoring case.
 * - `exists`: the key is present (any value, null included).
 *
 * @example
 * const operator: FilterOperator = "gte";
 */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/**
 * Every filter operator, in the order the docs list them.
 *
 * @example
 * FILTER_OPERATORS.includes("gte"); // true
 */
export const FILTER_OPERATORS = [
  "eq",
  "ne",
  "gt",
  "gte",
  "lt",
  "lte",
  "in",
  "nin",
  "contains",
  "icontains",
  "exists",
] as const;

/**
 * A validated filter, as every `VectorStore` receives it: mem0's filter grammar parsed once by
 * `parseFilter`, so a backend only evaluates (or compiles) this small tree and never sees raw input.
 * `key` is a top-level payload key (`user_id`, `topic`, ...).
 *
 * @example
 * const expression: FilterExpression = {
 *   kind: "and",
 *   clauses: [
 *     { kind: "compare", key: "user_id", operator: "eq", value: "alice" },
 *     { kind: "compare", key: "priority", operator: "gte", value: 2 },
 *   ],
 * };
 */
export type FilterExpression =
  | { kind: "and"; clauses: FilterExpression[] }
  | { kind: "or"; clauses: FilterExpression[] }
  | { kind: "not"; clause: FilterExpression }
  | { kind: "compare"; key: string; operator: FilterOperator; value: JsonValue };
