import { randomUUID } from "node:crypto";
import type { EmbeddingBase } from "@bedrock-embeddings/core";
import type { JsonObject } from "../json-value.js";
import { buildPayload } from "../memory-payload.js";
import type { VectorStore } from "../vector-store.js";
import { embedderBinding } from "./embedder-binding.js";

/**
 * A memory to seed a store with in transfer tests.
 *
 * @example
 * const seed: SeedMemory = { id: "m1", text: "Alice drinks tea", scope: { user_id: "alice" } };
 */
export interface SeedMemory {
  id: string;
  text: string;
  scope: Record<string, string>;
  metadata?: JsonObject;
  createdAt?: string;
  updatedAt?: string;
}

/**
 * Binds `store` to `embedder` and adds `memories` with their vectors and an "ADD" history entry each,
 * as `Memory.add` would.
 *
 * @example
 * await seedStore(store, new FakeEmbedder(), [{ id: "m1", text: "likes tea", scope: { user_id: "a" } }]);
 */
export async function seedStore(
  store: VectorStore,
  embedder: EmbeddingBase,
  memories: readonly SeedMemory[],
): Promise<void> {
  await store.initialize(await embedderBinding(embedder));
  const vectors = await embedder.embedBatch(
    memories.map((memory) => memory.text),
    "add",
  );
  const createdAt = (memory: SeedMemory) => memory.createdAt ?? "2026-01-01T00:00:00.000Z";
  await store.insert(
    memories.map((memory, position) => ({
      id: memory.id,
      vector: vectors[position]!,
      payload: buildPayload({
        text: memory.text,
        scope: memory.scope,
        metadata: memory.metadata ?? {},
        createdAt: createdAt(memory),
        ...(memory.updatedAt === undefined ? {} : { updatedAt: memory.updatedAt }),
      }),
    })),
    memories.map((memory) => ({
      id: randomUUID(),
      memoryId: memory.id,
      previousValue: null,
      newValue: memory.text,
      event: "ADD" as const,
      createdAt: createdAt(memory),
    })),
  );
}

/** Every id of a store, in list order, read page by page. */
export async function allIds(store: VectorStore): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ limit: 50, ...(cursor === undefined ? {} : { cursor }) });
    ids.push(...page.entries.map((entry) => entry.id));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return ids;
}

/** Five memories over two users and an agent, one with metadata and an update time. */
export const SEED_MEMORIES: readonly SeedMemory[] = [
  { id: "m1", text: "Alice drinks green tea", scope: { user_id: "alice" }, metadata: { topic: "drinks" } },
  { id: "m2", text: "Bob rides a red bicycle", scope: { user_id: "bob" } },
  {
    id: "m3",
    text: "Alice moved to Lisbon",
    scope: { user_id: "alice", run_id: "r1" },
    metadata: { topic: "places", priority: 2 },
    createdAt: "2026-02-01T00:00:00.000Z",
    updatedAt: "2026-03-01T00:00:00.000Z",
  },
  { id: "m4", text: "The agent prefers short answers", scope: { agent_id: "helper" } },
  { id: "m5", text: "Bob owns a grey cat", scope: { user_id: "bob" }, metadata: { tags: ["pets", "cats"] } },
];
