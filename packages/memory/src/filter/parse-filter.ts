import { InputError } from "@bedrock-embeddings/core";
import { assertJsonValue, isPlainObject, type JsonValue } from "../json-value.js";
import { FILTER_OPERATORS, type FilterExpression, type FilterOperator } from "./filter-expression.js";

/** Operators a caller may write (mem0's names; `$`-prefixed forms are accepted too); `exists` is written `"*"`. */
const WRITTEN_OPERATORS: readonly FilterOperator[] = FILTER_OPERATORS.filter(
  (operator) => operator !== "exists",
);
const LOGICAL_KEYS: Record<string, "and" | "or" | "not"> = {
  AND: "and",
  $and: "and",
  OR: "or",
  $or: "or",
  NOT: "not",
  $not: "not",
};

/**
 * Parses mem0's filter grammar into a `FilterExpression`, checking every operator and value:
 * - `{ key: value }` equality, `{ key: [a, b] }` one of, `{ key: "*" }` the key exists;
 * - `{ key: { gte: 2, lt: 5 } }` operators `eq ne gt gte lt lte in nin contains icontains`;
 * - `AND: [...]`, `OR: [...]`, `NOT: [...]` (none of them matches), also as `$and` `$or` `$not`;
 *   sibling keys are ANDed.
 * Anything else is an InputError naming the key, so a filter is never silently ignored.
 *
 * @example
 * parseFilter({ user_id: "alice", priority: { gte: 2 }, OR: [{ topic: "tea" }, { topic: "coffee" }] });
 */
export function parseFilter(filter: unknown, label = "filters"): FilterExpression {
  if (!isPlainObject(filter)) {
    throw new InputError(`${label} must be a plain object, got ${describe(filter)}.`, {
      fix: 'Pass e.g. { user_id: "alice", topic: "drinks" }.',
    });
  }
  const clauses: FilterExpression[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    const logical = LOGICAL_KEYS[key];
    if (logical) clauses.push(parseLogical(logical, value, `${label}.${key}`));
    else clauses.push(parseCondition(key, value, `${label}.${key}`));
  }
  return combine(clauses);
}

/**
 * The conjunction of `clauses`: the clause itself when there is one, an `and` otherwise (an empty
 * `and` matches everything).
 *
 * @example
 * andOf([scopeClause, parseFilter(userFilters)]);
 */
export function andOf(clauses: readonly FilterExpression[]): FilterExpression {
  return combine(clauses.flatMap((clause) => (clause.kind === "and" ? clause.clauses : [clause])));
}

function combine(clauses: FilterExpression[]): FilterExpression {
  return clauses.length === 1 ? clauses[0]! : { kind: "and", clauses };
}

function parseLogical(kind: "and" | "or" | "not", value: unknown, label: string): FilterExpression {
  const items = kind === "not" && isPlainObject(value) ? [value] : value;
  if (!Array.isArray(items) || items.length === 0) {
    throw new InputError(`${label} must be a non-empty list of filters, got ${describe(value)}.`, {
      fix: `Pass e.g. ${label.split(".").pop()}: [{ topic: "tea" }, { topic: "coffee" }].`,
    });
  }
  const clauses = items.map((item, index) => parseFilter(item, `${label}[${index}]`));
  if (kind === "and") return andOf(clauses);
  if (kind === "or") return { kind: "or", clauses };
  return { kind: "not", clause: clauses.length === 1 ? clauses[0]! : { kind: "or", clauses } };
}

function parseCondition(key: string, value: unknown, label: string): FilterExpression {
  if (key === "") throw new InputError(`${label}: a filter key is empty.`, { fix: "Name a payload key." });
  if (value === "*") return { kind: "compare", key, operator: "exists", value: null };
  if (Array.isArray(value)) return compare(key, "in", value, label);
  if (!isPlainObject(value)) return compare(key, "eq", value, label);
  const entries = Object.entries(value).filter(([, operand]) => operand !== undefined);
  if (entries.length === 0) {
    throw new InputError(`${label} is an empty object: no operator given.`, {
      fix: `Use an operator (${WRITTEN_OPERATORS.join(", ")}), e.g. { ${key}: { gte: 2 } }.`,
    });
  }
  return combine(
    entries.map(([rawOperator, operand]) => {
      const operator = rawOperator.startsWith("$") ? rawOperator.slice(1) : rawOperator;
      if (!(WRITTEN_OPERATORS as readonly string[]).includes(operator)) {
        throw new InputError(`${label}: unknown filter operator "${rawOperator}".`, {
          fix: `Use one of ${WRITTEN_OPERATORS.join(", ")}; to match an object value exactly, write { ${key}: { eq: {...} } }.`,
        });
      }
      return compare(key, operator as FilterOperator, operand, `${label}.${rawOperator}`);
    }),
  );
}

function compare(key: string, operator: FilterOperator, value: unknown, label: string): FilterExpression {
  assertJsonValue(value, label);
  const checked: JsonValue = value;
  if ((operator === "in" || operator === "nin") && !Array.isArray(checked)) {
    throw new InputError(`${label} must be a list of values, got ${describe(value)}.`, {
      fix: `Pass e.g. { ${key}: { ${operator}: ["tea", "coffee"] } }.`,
    });
  }
  if (
    ["gt", "gte", "lt", "lte"].includes(operator) &&
    typeof checked !== "number" &&
    typeof checked !== "string"
  ) {
    throw new InputError(`${label} compares with a number or a string, got ${describe(value)}.`, {
      fix: `Pass e.g. { ${key}: { ${operator}: 2 } } or an ISO date string.`,
    });
  }
  if (operator === "icontains" && typeof checked !== "string") {
    throw new InputError(`${label} looks for a string, got ${describe(value)}.`, {
      fix: `Pass e.g. { ${key}: { icontains: "tea" } }.`,
    });
  }
  return { kind: "compare", key, operator, value: checked };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value) ?? String(value)}`;
}
