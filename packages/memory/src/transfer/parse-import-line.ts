import { InputError } from "@bedrock-embeddings/core";
import { isPlainObject, type JsonObject } from "../json-value.js";
import { checkMetadata } from "../memory-payload.js";
import { SCOPE_KEYS } from "../scope.js";

/**
 * One validated import line: what `importMemories` stores.
 *
 * @example
 * const item = parseImportLine('{"id":"m1","memory":"likes tea","user_id":"alice"}', 1);
 */
export interface ImportItem {
  /** One-based position in the input, for messages. */
  line: number;
  id: string;
  text: string;
  scope: Record<string, string>;
  metadata: JsonObject;
  createdAt?: string;
  updatedAt?: string;
  /** The exported vector with the model it came from, when the line has one. */
  vector?: { modelId: string; dimension: number; values: number[] };
}

const KNOWN_KEYS = new Set([
  "id",
  "memory",
  "hash",
  "metadata",
  ...SCOPE_KEYS,
  "created_at",
  "updated_at",
  "model",
  "dimension",
  "vector",
]);
const LINE_SHAPE = '{"id":"...","memory":"...","user_id":"alice","created_at":"2026-01-01T00:00:00.000Z"}';

/**
 * Validates one import line (a JSON text or an already parsed value) in the `ExportedMemory` shape.
 * Returns undefined for a blank line. Throws an InputError naming the line and the key.
 *
 * @example
 * parseImportLine('{"id":"m1","memory":"likes tea","user_id":"alice"}', 3)?.scope; // { user_id: "alice" }
 */
export function parseImportLine(input: unknown, line: number): ImportItem | undefined {
  const value = typeof input === "string" ? parseJson(input, line) : input;
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    throw lineError(line, "the line is not a JSON object.", `Write one object per line, e.g. ${LINE_SHAPE}.`);
  }
  for (const key of Object.keys(value)) {
    if (!KNOWN_KEYS.has(key)) {
      throw lineError(
        line,
        `unknown key ${JSON.stringify(key)}.`,
        `Use the keys memory export writes: ${[...KNOWN_KEYS].join(", ")}.`,
      );
    }
  }
  const item: ImportItem = {
    line,
    id: requiredText(value, "id", line).trim(),
    text: requiredText(value, "memory", line),
    scope: scopeOf(value, line),
    metadata: metadataOf(value["metadata"], line),
  };
  if (value["hash"] !== undefined && typeof value["hash"] !== "string") {
    throw lineError(line, "hash must be a string.", "Omit it: the hash is computed from the text again.");
  }
  const createdAt = timestamp(value, "created_at", line);
  if (createdAt !== undefined) item.createdAt = createdAt;
  const updatedAt = timestamp(value, "updated_at", line);
  if (updatedAt !== undefined) item.updatedAt = updatedAt;
  const vector = vectorOf(value, line);
  if (vector) item.vector = vector;
  return item;
}

function parseJson(text: string, line: number): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`line ${line}: the line is not valid JSON.`, {
      cause: error,
      fix: `Write one JSON object per line, e.g. ${LINE_SHAPE}.`,
    });
  }
}

function requiredText(value: Record<string, unknown>, key: string, line: number): string {
  const text = value[key];
  if (typeof text !== "string" || text.trim() === "") {
    throw lineError(
      line,
      `${key} must be a non-empty string, got ${describe(text)}.`,
      `Give every line its ${key}.`,
    );
  }
  return text;
}

function scopeOf(value: Record<string, unknown>, line: number): Record<string, string> {
  const scope: Record<string, string> = {};
  for (const key of SCOPE_KEYS) {
    const id = value[key];
    if (id === undefined || id === null) continue;
    if (typeof id !== "string" || id.trim() === "") {
      throw lineError(
        line,
        `${key} must be a non-empty string, got ${describe(id)}.`,
        'Give a scope id such as "alice".',
      );
    }
    scope[key] = id.trim();
  }
  if (Object.keys(scope).length === 0) {
    throw lineError(
      line,
      "the memory has none of user_id, agent_id or run_id.",
      'Give each memory its scope, so it can be found again (e.g. "user_id":"alice").',
    );
  }
  return scope;
}

function metadataOf(metadata: unknown, line: number): JsonObject {
  if (metadata === undefined || metadata === null) return {};
  try {
    return checkMetadata(metadata);
  } catch (error) {
    if (!InputError.isInstance(error)) throw error;
    throw new InputError(`line ${line}: ${error.problem}`, { fix: error.fix, cause: error });
  }
}

function timestamp(value: Record<string, unknown>, key: string, line: number): string | undefined {
  const text = value[key];
  if (text === undefined || text === null) return undefined;
  if (typeof text !== "string" || Number.isNaN(Date.parse(text))) {
    throw lineError(
      line,
      `${key} must be an ISO 8601 date, got ${describe(text)}.`,
      'Write e.g. "2026-01-01T00:00:00.000Z".',
    );
  }
  return text;
}

function vectorOf(value: Record<string, unknown>, line: number): ImportItem["vector"] {
  const { model, dimension, vector } = value;
  if (vector === undefined || vector === null) return undefined;
  if (typeof model !== "string" || model === "") {
    throw lineError(
      line,
      "model must name the model of the vector.",
      "Export with --vectors again, or drop vector to embed the text.",
    );
  }
  if (
    !Array.isArray(vector) ||
    vector.length === 0 ||
    !vector.every((component) => typeof component === "number" && Number.isFinite(component))
  ) {
    throw lineError(
      line,
      "vector must be a non-empty array of finite numbers.",
      "Drop vector to embed the text instead.",
    );
  }
  if (dimension !== vector.length) {
    throw lineError(
      line,
      `dimension (${describe(dimension)}) does not match the vector's length ${vector.length}.`,
      "Fix dimension, or drop vector to embed the text instead.",
    );
  }
  return { modelId: model, dimension: vector.length, values: vector as number[] };
}

function lineError(line: number, problem: string, fix: string): InputError {
  return new InputError(`line ${line}: ${problem}`, { fix });
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
