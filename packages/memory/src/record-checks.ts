import {
  assertFiniteVector,
  ConfigurationError,
  InputError,
  VectorError,
  vectorNorm,
} from "@bedrock-embeddings/core";
import { assertJsonValue, isPlainObject, type JsonObject } from "./json-value.js";
import type { VectorStoreBinding, VectorStoreRecord } from "./vector-store.js";

/**
 * A record that passed every check, ready to store: its vector as float32 with its norm, and a
 * private copy of its payload.
 *
 * @example
 * const [checked] = checkRecords(records, binding, "the memory store");
 * checked.norm; // > 0
 */
export interface CheckedRecord {
  id: string;
  vector: Float32Array;
  norm: number;
  payload: JsonObject;
}

/**
 * Validates a write before anything is stored: the store is bound, ids are non-empty strings that
 * appear once, vectors have the bound length and are finite and non-zero, payloads are plain JSON.
 * `where` names the store in messages. Throws a typed error naming the record's index.
 *
 * @example
 * const checked = checkRecords(records, this.requireBinding(), "the memory store /data/memories.log");
 */
export function checkRecords(
  records: readonly VectorStoreRecord[],
  binding: VectorStoreBinding | undefined,
  where: string,
): CheckedRecord[] {
  const bound = requireBinding(binding, where);
  if (!Array.isArray(records)) {
    throw new InputError("records must be an array.", { fix: "Pass e.g. [{ id, vector, payload }]." });
  }
  const seen = new Set<string>();
  return records.map((record, index) => {
    if (!isPlainObject(record) || typeof record.id !== "string" || record.id === "") {
      throw new InputError("a record needs a non-empty string id.", {
        index,
        fix: "Give every record an id.",
      });
    }
    if (seen.has(record.id)) {
      throw new InputError(`id ${JSON.stringify(record.id)} appears twice in one write.`, {
        index,
        fix: "Write each id once per call.",
      });
    }
    seen.add(record.id);
    const vector = checkVector(record.vector, bound, `the vector of ${JSON.stringify(record.id)}`, where);
    if (!isPlainObject(record.payload)) {
      throw new InputError(`the payload of ${JSON.stringify(record.id)} must be a plain object.`, { index });
    }
    assertJsonValue(record.payload, "payload");
    const float32 = toFloat32(vector, `the vector of ${JSON.stringify(record.id)}`);
    const norm = vectorNorm(float32);
    if (norm === 0) {
      throw new VectorError(`the vector of ${JSON.stringify(record.id)} is all zeros and has no direction.`, {
        fix: "Check the embedder output; a zero vector cannot be ranked by cosine similarity.",
      });
    }
    return { id: record.id, vector: float32, norm, payload: structuredClone(record.payload) };
  });
}

/**
 * Validates a query vector against the binding and returns it as float32 with its norm.
 *
 * @example
 * const { vector, norm } = checkQueryVector(query, binding, "the memory store");
 */
export function checkQueryVector(
  vector: unknown,
  binding: VectorStoreBinding | undefined,
  where: string,
): { vector: Float32Array; norm: number } {
  const bound = requireBinding(binding, where);
  const checked = toFloat32(checkVector(vector, bound, "the query vector", where), "the query vector");
  const norm = vectorNorm(checked);
  if (norm === 0) {
    throw new VectorError("the query vector is all zeros and has no direction.", {
      fix: "Check the embedder output; a zero vector cannot be ranked by cosine similarity.",
    });
  }
  return { vector: checked, norm };
}

/**
 * The binding, or a ConfigurationError saying the store was not initialized.
 *
 * @example
 * const binding = requireBinding(this.binding, "the memory store");
 */
export function requireBinding(binding: VectorStoreBinding | undefined, where: string): VectorStoreBinding {
  if (!binding) {
    throw new ConfigurationError(`${where} is not initialized.`, {
      fix: "Call initialize({ dimension, modelId }) before using the store (Memory does this for you).",
    });
  }
  return binding;
}

/**
 * Throws an InputError unless `limit` is a positive integer.
 *
 * @example
 * assertLimit(20, "topK"); // ok
 */
export function assertLimit(limit: unknown, label: string): asserts limit is number {
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1) {
    throw new InputError(
      `${label} must be a positive integer, got ${JSON.stringify(limit) ?? String(limit)}.`,
      {
        fix: `Pass e.g. ${label}: 20.`,
      },
    );
  }
}

/** float32 copy; a value beyond float32's range (about 3.4e38) would become Infinity, so it is refused. */
function toFloat32(vector: readonly number[], label: string): Float32Array {
  const float32 = Float32Array.from(vector);
  const position = float32.findIndex((value) => !Number.isFinite(value));
  if (position >= 0) {
    throw new VectorError(
      `${label} has ${vector[position]} at position ${position}, beyond the float32 range stored vectors use.`,
      {
        fix: "Check the embedder output; embedding values are small numbers.",
      },
    );
  }
  return float32;
}

function checkVector(vector: unknown, binding: VectorStoreBinding, label: string, where: string): number[] {
  if (!Array.isArray(vector) && !(vector instanceof Float32Array)) {
    throw new VectorError(`${label} is not an array of numbers.`);
  }
  if (vector.length !== binding.dimension) {
    throw new VectorError(
      `${label} has ${vector.length} dimensions, but ${where} holds ${binding.dimension}-dimensional vectors ` +
        `(model "${binding.modelId}").`,
      {
        fix:
          "Embed with the model and dimension the store was created with, or re-embed into a new store " +
          "(bedrock-embeddings memory reembed), or call memory.reset().",
      },
    );
  }
  const values = Array.from(vector as ArrayLike<number>);
  assertFiniteVector(values, label);
  return values;
}
