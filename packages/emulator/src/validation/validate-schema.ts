import { everitValueText, jsonTypeName } from "./json-type-name.js";
import type { ArraySchema, ObjectSchema, Schema, StringSchema } from "./schema.js";

/**
 * Checks `value` against `schema` and returns every problem in everit's wording, in everit's order
 * (required keys, then extraneous keys, then each property), e.g. `#/texts/0: expected maxLength: 2048, actual: 2050`.
 */
export function validateSchema(value: unknown, schema: Schema, pointer = "#"): string[] {
  switch (schema.kind) {
    case "object":
      return validateObject(value, schema, pointer);
    case "array":
      return validateArray(value, schema, pointer);
    case "string":
      return validateString(value, schema, pointer);
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value))
        return [typeMismatch(pointer, "Integer", value)];
      if (schema.minimum !== undefined && value < schema.minimum) {
        return [`${pointer}: ${value} is not greater or equal to ${schema.minimum}`];
      }
      return [];
    case "boolean":
      return typeof value === "boolean" ? [] : [typeMismatch(pointer, "Boolean", value)];
    case "any":
      return [];
    case "enum":
      return schema.values.includes(value as string | number)
        ? []
        : [`${pointer}: ${everitValueText(value)} is not a valid enum value`];
  }
}

function typeMismatch(pointer: string, expected: string, value: unknown): string {
  return `${pointer}: expected type: ${expected}, found: ${jsonTypeName(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function validateObject(value: unknown, schema: ObjectSchema, pointer: string): string[] {
  if (!isPlainObject(value)) return [typeMismatch(pointer, "JSONObject", value)];
  const problems: string[] = [];
  for (const key of schema.required ?? []) {
    if (!Object.hasOwn(value, key)) problems.push(`${pointer}: required key [${key}] not found`);
  }
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(schema.properties, key)) {
      problems.push(`${pointer}: extraneous key [${key}] is not permitted`);
    }
  }
  for (const [key, propertySchema] of Object.entries(schema.properties)) {
    if (Object.hasOwn(value, key)) {
      problems.push(...validateSchema(value[key], propertySchema, `${pointer}/${key}`));
    }
  }
  return problems;
}

function validateArray(value: unknown, schema: ArraySchema, pointer: string): string[] {
  if (!Array.isArray(value)) return [typeMismatch(pointer, "JSONArray", value)];
  const problems: string[] = [];
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    problems.push(`${pointer}: expected minimum item count: ${schema.minItems}, found: ${value.length}`);
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    problems.push(`${pointer}: expected maximum item count: ${schema.maxItems}, found: ${value.length}`);
  }
  value.forEach((item, index) => {
    problems.push(...validateSchema(item, schema.items, `${pointer}/${index}`));
  });
  return problems;
}

function validateString(value: unknown, schema: StringSchema, pointer: string): string[] {
  if (typeof value !== "string") return [typeMismatch(pointer, "String", value)];
  // Counting code points copies the string; skip it for unbounded fields such as 25 MB base64 images.
  if (schema.minLength === undefined && schema.maxLength === undefined) return [];
  // everit measures code points, not UTF-16 units.
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) {
    return [`${pointer}: expected minLength: ${schema.minLength}, actual: ${length}`];
  }
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    return [`${pointer}: expected maxLength: ${schema.maxLength}, actual: ${length}`];
  }
  return [];
}
