/**
 * How an input error names the type it received: "a number", "an object", "null", ...
 *
 * @example
 * describeValueType(7); // "a number"
 */
export function describeValueType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "undefined") return "undefined";
  return `a ${typeof value}`;
}
