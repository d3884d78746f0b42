import type { ConfigPath } from "./key-aliases.js";

// Values under these keys are secrets (or hold one, like a connection string with a password):
// an error names their type, never their text.
const SECRET_KEYS = new Set([
  "credentials",
  "accessKeyId",
  "secretAccessKey",
  "sessionToken",
  "apiKey",
  "password",
  "connectionString",
]);

const LONGEST_QUOTED_TEXT = 60;

/**
 * How a configuration error names the value it was given: `the string "512"`, `the number 512.5`,
 * `the boolean true`; only the type for values at or under a secret key.
 *
 * @example
 * describeGivenValue("512", ["embedder", "config", "dimensions"]); // 'the string "512"'
 * describeGivenValue("AKIA…", ["embedder", "config", "credentials"]); // "a string"
 */
export function describeGivenValue(value: unknown, path: ConfigPath): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${value.length}`;
  if (typeof value === "object") return "a mapping of keys";
  const secret = path.some((segment) => SECRET_KEYS.has(String(segment)));
  if (typeof value === "string") {
    if (secret) return value === "" ? "an empty string" : "a string";
    const shown = value.length > LONGEST_QUOTED_TEXT ? `${value.slice(0, LONGEST_QUOTED_TEXT)}…` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (secret) return `a ${typeof value}`;
  return `the ${typeof value} ${String(value)}`;
}

const EXPECTED_NAMES: Readonly<Record<string, string>> = {
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  string: "a string",
  object: "a mapping of keys",
  array: "a list",
};

/**
 * What a schema type is called in an error: `int` -> "an integer", `object` -> "a mapping of keys".
 *
 * @example
 * describeExpectedType("boolean"); // "true or false"
 */
export function describeExpectedType(expected: string): string {
  return EXPECTED_NAMES[expected] ?? `a value of type ${expected}`;
}
