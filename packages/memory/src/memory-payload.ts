import { createHash } from "node:crypto";
import { InputError } from "@bedrock-embeddings/core";
import { assertJsonValue, isPlainObject, type JsonObject } from "./json-value.js";
import type { MemoryItem } from "./memory-types.js";
import { SCOPE_KEYS } from "./scope.js";

/**
 * Payload keys the memory itself uses (mem0's layout); custom metadata is stored beside them and
 * may not use these names.
 *
 * @example
 * RESERVED_PAYLOAD_KEYS.includes("user_id"); // true
 */
export const RESERVED_PAYLOAD_KEYS: readonly string[] = [
  "data",
  "hash",
  "created_at",
  "updated_at",
  ...SCOPE_KEYS,
];

/**
 * sha256 of a memory's text, hex.
 *
 * @example
 * hashText("hello"); // "2cf24dba5fb0a30e..."
 */
export function hashText(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Checks user metadata (plain JSON object, no reserved key) and returns a copy.
 *
 * @example
 * checkMetadata({ topic: "drinks" }); // { topic: "drinks" }
 */
export function checkMetadata(metadata: unknown): JsonObject {
  if (!isPlainObject(metadata)) {
    throw new InputError("metadata must be a plain object.", {
      fix: 'Pass e.g. metadata: { topic: "drinks" }.',
    });
  }
  for (const key of Object.keys(metadata)) {
    if (RESERVED_PAYLOAD_KEYS.includes(key)) {
      throw new InputError(`metadata.${key} is reserved for the memory itself.`, {
        fix: `Rename the key; reserved: ${RESERVED_PAYLOAD_KEYS.join(", ")} (pass scope ids as userId/agentId/runId).`,
      });
    }
  }
  assertJsonValue(metadata, "metadata");
  return structuredClone(metadata);
}

/** What a stored memory is made of. */
export interface MemoryContent {
  text: string;
  /** Scope ids as payload keys (`user_id`, ...). */
  scope: Record<string, string>;
  metadata: JsonObject;
  createdAt: string;
  updatedAt?: string;
}

/**
 * The store payload of a memory: mem0's flat layout, metadata keys beside the reserved ones.
 *
 * @example
 * buildPayload({ text: "likes tea", scope: { user_id: "alice" }, metadata: {}, createdAt: now });
 */
export function buildPayload(content: MemoryContent): JsonObject {
  const payload: JsonObject = { ...content.metadata, ...content.scope };
  payload["data"] = content.text;
  payload["hash"] = hashText(content.text);
  payload["created_at"] = content.createdAt;
  if (content.updatedAt !== undefined) payload["updated_at"] = content.updatedAt;
  return payload;
}

/**
 * The parts of a stored payload, the inverse of `buildPayload`.
 *
 * @example
 * const { text, scope, metadata } = contentOf(record.payload);
 */
export function contentOf(payload: JsonObject): MemoryContent {
  const scope: Record<string, string> = {};
  const metadata: JsonObject = {};
  for (const [key, value] of Object.entries(payload)) {
    if ((SCOPE_KEYS as readonly string[]).includes(key)) {
      if (typeof value === "string") scope[key] = value;
    } else if (!RESERVED_PAYLOAD_KEYS.includes(key)) {
      metadata[key] = value;
    }
  }
  const content: MemoryContent = {
    text: stringField(payload, "data"),
    scope,
    metadata,
    createdAt: stringField(payload, "created_at"),
  };
  if (typeof payload["updated_at"] === "string") content.updatedAt = payload["updated_at"];
  return content;
}

/**
 * The `MemoryItem` for a stored payload.
 *
 * @example
 * toMemoryItem(hit.id, hit.payload, hit.score);
 */
export function toMemoryItem(id: string, payload: JsonObject, score?: number): MemoryItem {
  const content = contentOf(payload);
  const item: MemoryItem = {
    id,
    memory: content.text,
    hash: typeof payload["hash"] === "string" ? payload["hash"] : hashText(content.text),
    createdAt: content.createdAt,
  };
  if (content.updatedAt !== undefined) item.updatedAt = content.updatedAt;
  if (score !== undefined) item.score = score;
  if (Object.keys(content.metadata).length > 0) item.metadata = content.metadata;
  if (content.scope["user_id"] !== undefined) item.userId = content.scope["user_id"];
  if (content.scope["agent_id"] !== undefined) item.agentId = content.scope["agent_id"];
  if (content.scope["run_id"] !== undefined) item.runId = content.scope["run_id"];
  return item;
}

function stringField(payload: JsonObject, key: string): string {
  const value = payload[key];
  return typeof value === "string" ? value : "";
}
