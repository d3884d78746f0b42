/**
 * A small JSON-schema subset, enough to describe the embedding request bodies.
 * Bedrock validates bodies with the everit JSON-schema library, so the checker below
 * reproduces everit's message texts and the order in which it reports problems.
 */
export type Schema =
  | ObjectSchema
  | StringSchema
  | IntegerSchema
  | BooleanSchema
  | ArraySchema
  | EnumSchema
  | AnySchema;

export interface ObjectSchema {
  kind: "object";
  properties: Record<string, Schema>;
  required?: readonly string[];
}

export interface StringSchema {
  kind: "string";
  minLength?: number;
  maxLength?: number;
}

export interface IntegerSchema {
  kind: "integer";
  minimum?: number;
}

export interface BooleanSchema {
  kind: "boolean";
}

export interface ArraySchema {
  kind: "array";
  items: Schema;
  minItems?: number;
  maxItems?: number;
}

/** Enum schemas carry no type in Bedrock's schemas, so a wrongly typed value only fails the enum check. */
export interface EnumSchema {
  kind: "enum";
  values: readonly (string | number)[];
}

/** Accepts any value; for fields whose contents the emulator checks elsewhere. */
export interface AnySchema {
  kind: "any";
}
