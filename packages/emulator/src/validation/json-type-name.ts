// everit names the Java class of the offending value (org.json types), e.g. "found: Integer".
export function jsonTypeName(value: unknown): string {
  if (value === null) return "Null";
  if (Array.isArray(value)) return "JSONArray";
  switch (typeof value) {
    case "string":
      return "String";
    case "boolean":
      return "Boolean";
    case "number":
      return Number.isInteger(value) ? "Integer" : "BigDecimal";
    default:
      return "JSONObject";
  }
}

// everit prints enum subjects with toString(): strings bare, everything else as JSON.
export function everitValueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
