import { InputError } from "@bedrock-embeddings/core";
import type { FilterExpression, FilterOperator } from "../filter/filter-expression.js";
import type { JsonValue } from "../json-value.js";
import type { SqlParameters } from "./sql-parameters.js";
import { quoteIdentifier } from "./table-names.js";

type Comparison = Extract<FilterExpression, { kind: "compare" }>;

/**
 * What the SQL of a filter may rely on in the table it runs against.
 *
 * @example
 * const dialect: FilterDialect = { textColumns: new Set(["user_id"]), caseFoldCollation: "pg_unicode_fast" };
 */
export interface FilterDialect {
  /**
   * Payload keys that also have an indexed text column of the same name, holding the payload
   * value when it is a string and NULL otherwise; `eq` and `in` on strings use the column.
   */
  textColumns: ReadonlySet<string>;
  /** The collation `icontains` lowercases with; the database default when undefined. */
  caseFoldCollation: string | undefined;
}

/** JSON (UTF-16) orders U+E000..U+FFFF after the surrogates of U+10000 and above; code points do not. */
const AFTER_SURROGATES = /[\uE000-\uFFFF]/g;
const LAST_CODE_POINT = "\u{10FFFF}";

/**
 * Compiles a filter to a parameterised SQL condition on the `payload` jsonb column that selects
 * exactly the rows `matchesFilter` accepts: values and keys go into `parameters`, never into the
 * SQL text. NULL counts as false: `not` is compiled as `IS NOT TRUE`, and `ne` / `nin` match a
 * missing key. Without a filter the condition is `TRUE`.
 *
 * Text comparisons follow the reference evaluator: `gt`...`lte` order strings by UTF-16 code unit
 * (COLLATE "C" orders by code point, so characters U+E000..U+FFFF are moved after U+10FFFF on both
 * sides), `icontains` lowercases the stored text with `caseFoldCollation` (`pg_unicode_fast` on
 * PostgreSQL 18 matches JavaScript's `toLowerCase` except for characters newer than its Unicode
 * tables; older servers lowercase by their locale).
 *
 * @example
 * const parameters = new SqlParameters();
 * compileFilter(parseFilter({ topic: "tea" }), parameters, dialect); // (payload -> $1::text) = $2::jsonb
 */
export function compileFilter(
  expression: FilterExpression | undefined,
  parameters: SqlParameters,
  dialect: FilterDialect,
): string {
  if (!expression) return "TRUE";
  switch (expression.kind) {
    case "and":
      return joinClauses(expression.clauses, "AND", "TRUE", parameters, dialect);
    case "or":
      return joinClauses(expression.clauses, "OR", "FALSE", parameters, dialect);
    case "not":
      return `((${compileFilter(expression.clause, parameters, dialect)}) IS NOT TRUE)`;
    case "compare":
      return compileComparison(expression, parameters, dialect);
    default:
      throw new InputError(
        `unknown filter node ${JSON.stringify((expression as { kind?: unknown }).kind)}.`,
        {
          fix: "Build filters with parseFilter.",
        },
      );
  }
}

function joinClauses(
  clauses: readonly FilterExpression[],
  operator: "AND" | "OR",
  empty: string,
  parameters: SqlParameters,
  dialect: FilterDialect,
): string {
  if (clauses.length === 0) return empty;
  return `(${clauses.map((clause) => compileFilter(clause, parameters, dialect)).join(` ${operator} `)})`;
}

function compileComparison(
  comparison: Comparison,
  parameters: SqlParameters,
  dialect: FilterDialect,
): string {
  const { key, operator, value } = comparison;
  if (operator === "exists") return `(payload ? ${parameters.add(key)}::text)`;
  const textColumn = dialect.textColumns.has(key) ? quoteIdentifier(key) : undefined;
  if (operator === "eq" && typeof value === "string" && textColumn) {
    return `(${textColumn} = ${parameters.add(value)}::text)`;
  }
  if (operator === "in" && textColumn) {
    const candidates = listOperand(comparison);
    if (candidates.every((candidate) => typeof candidate === "string")) {
      return `(${textColumn} = ANY(${parameters.add(candidates)}::text[]))`;
    }
  }
  if (neverMatches(operator, value)) return "FALSE";
  // Every remaining case reads the stored value (NULL when the key is missing). Placeholders are
  // added only when used: PostgreSQL refuses a parameter it cannot type.
  const stored = `(payload -> ${parameters.add(key)}::text)`;
  switch (operator) {
    case "eq":
      return `(${stored} = ${jsonParameter(value, parameters)})`;
    case "ne":
      return `(${stored} IS DISTINCT FROM ${jsonParameter(value, parameters)})`;
    case "in":
      return equalToAnElement(stored, jsonParameter(listOperand(comparison), parameters));
    case "nin":
      return `(NOT ${equalToAnElement(stored, jsonParameter(listOperand(comparison), parameters))})`;
    case "gt":
      return ordered(stored, ">", value, parameters);
    case "gte":
      return ordered(stored, ">=", value, parameters);
    case "lt":
      return ordered(stored, "<", value, parameters);
    case "lte":
      return ordered(stored, "<=", value, parameters);
    case "contains":
      return contains(stored, value, parameters);
    case "icontains": {
      const collation = dialect.caseFoldCollation
        ? ` COLLATE ${quoteIdentifier(dialect.caseFoldCollation)}`
        : "";
      // The reference lowercases the searched text on its own, so doing it here is exact.
      const needle = parameters.add((value as string).toLowerCase());
      return (
        `(CASE WHEN jsonb_typeof(${stored}) = 'string' ` +
        `THEN strpos(lower((${stored} #>> '{}')${collation}), ${needle}::text) > 0 ELSE FALSE END)`
      );
    }
    default:
      throw new InputError(
        `the pgvector store does not know the filter operator ${JSON.stringify(operator)}.`,
        {
          fix: 'Use one of eq, ne, gt, gte, lt, lte, in, nin, contains, icontains or the wildcard "*".',
        },
      );
  }
}

/** `bound` is a number or a string (see `neverMatches`); only stored values of its type compare. */
function ordered(stored: string, sign: string, bound: JsonValue, parameters: SqlParameters): string {
  if (typeof bound === "number") {
    const number = jsonParameter(bound, parameters);
    return `(CASE WHEN jsonb_typeof(${stored}) = 'number' THEN ${stored} ${sign} ${number} ELSE FALSE END)`;
  }
  const storedText = `regexp_replace(${stored} #>> '{}', U&'[\\E000-\\FFFF]', U&'\\+10FFFF\\\\&', 'g') COLLATE "C"`;
  const boundText = `${parameters.add(inUtf16Order(String(bound)))}::text COLLATE "C"`;
  return `(CASE WHEN jsonb_typeof(${stored}) = 'string' THEN ${storedText} ${sign} ${boundText} ELSE FALSE END)`;
}

/** The reference orders numbers with numbers and strings with strings only, and icontains looks for a string. */
function neverMatches(operator: FilterOperator, value: JsonValue): boolean {
  if (operator === "icontains") return typeof value !== "string";
  if (operator === "gt" || operator === "gte" || operator === "lt" || operator === "lte") {
    return typeof value !== "number" && typeof value !== "string";
  }
  return false;
}

function contains(stored: string, value: JsonValue, parameters: SqlParameters): string {
  const element = equalToAnElementOfStored(stored, jsonParameter(value, parameters));
  if (typeof value !== "string") {
    return `(CASE WHEN jsonb_typeof(${stored}) = 'array' THEN ${element} ELSE FALSE END)`;
  }
  return (
    `(CASE jsonb_typeof(${stored}) ` +
    `WHEN 'string' THEN strpos(${stored} #>> '{}', ${parameters.add(value)}::text) > 0 ` +
    `WHEN 'array' THEN ${element} ELSE FALSE END)`
  );
}

function equalToAnElement(stored: string, list: string): string {
  return `EXISTS (SELECT 1 FROM jsonb_array_elements(${list}) AS candidate(value) WHERE candidate.value = ${stored})`;
}

function equalToAnElementOfStored(stored: string, value: string): string {
  return `EXISTS (SELECT 1 FROM jsonb_array_elements(${stored}) AS element(value) WHERE element.value = ${value})`;
}

function jsonParameter(value: JsonValue, parameters: SqlParameters): string {
  return `${parameters.add(JSON.stringify(value))}::jsonb`;
}

function listOperand(comparison: Comparison): JsonValue[] {
  if (!Array.isArray(comparison.value)) {
    throw new InputError(
      `filter operator ${comparison.operator} on "${comparison.key}" needs a list of values.`,
      {
        fix: `Pass e.g. { ${comparison.key}: { ${comparison.operator}: ["tea", "coffee"] } }.`,
      },
    );
  }
  return comparison.value;
}

/** The SQL side's mapping, applied to a bound: code point order of the result is UTF-16 order. */
function inUtf16Order(text: string): string {
  return text.replace(AFTER_SURROGATES, `${LAST_CODE_POINT}$&`);
}
