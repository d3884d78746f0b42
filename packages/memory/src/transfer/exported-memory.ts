import type { JsonObject } from "../json-value.js";
import { contentOf, hashText } from "../memory-payload.js";
import type { VectorStoreBinding, VectorStoreEntry } from "../vector-store.js";

/**
 * One memory as `exportMemories` writes it and `importMemories` reads it: one JSON line each, in
 * mem0's payload names. `model`, `dimension` and `vector` are present together, when vectors were
 * exported; an import reuses the vector when the target store has that model and dimension.
 *
 * @example
 * const line: ExportedMemory = {
 *   id: "6f1c...", memory: "Alice drinks green tea", hash: "9b2e...", metadata: { topic: "drinks" },
 *   user_id: "alice", created_at: "2026-09-01T10:00:00.000Z",
 * };
 */
export interface ExportedMemory {
  id: string;
  /** The remembered text. */
  memory: string;
  /** sha256 of the text, hex. */
  hash: string;
  /** Custom metadata ({} when none). */
  metadata: JsonObject;
  user_id?: string;
  agent_id?: string;
  run_id?: string;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601; set once the memory was updated. */
  updated_at?: string;
  /** The embedding model the vector comes from. */
  model?: string;
  /** The vector's length. */
  dimension?: number;
  /** The stored vector (float32 values). */
  vector?: number[];
}

/**
 * The export line of a stored entry, with its vector and the store's binding when given.
 *
 * @example
 * toExportedMemory(entry); // { id, memory, hash, metadata, user_id, created_at }
 */
export function toExportedMemory(
  entry: VectorStoreEntry,
  stored?: { vector: number[]; binding: VectorStoreBinding },
): ExportedMemory {
  const content = contentOf(entry.payload);
  const hash = entry.payload["hash"];
  const exported: ExportedMemory = {
    id: entry.id,
    memory: content.text,
    hash: typeof hash === "string" ? hash : hashText(content.text),
    metadata: content.metadata,
    ...content.scope,
    created_at: content.createdAt,
  };
  if (content.updatedAt !== undefined) exported.updated_at = content.updatedAt;
  if (stored) {
    exported.model = stored.binding.modelId;
    exported.dimension = stored.binding.dimension;
    exported.vector = stored.vector;
  }
  return exported;
}
