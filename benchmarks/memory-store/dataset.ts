import { createHash, randomUUID } from "node:crypto";
import type { MemoryHistoryEntry } from "../../packages/memory/src/memory-types.js";
import type { VectorStoreRecord } from "../../packages/memory/src/vector-store.js";

/**
 * Deterministic pseudo-random numbers (mulberry32), so every run stores the same vectors.
 *
 * @example
 * const random = seededRandom(42);
 * random(); // 0 <= x < 1
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random unit vector, like a normalized embedding.
 *
 * @example
 * const vector = unitVector(random, 1024);
 */
export function unitVector(random: () => number, dimension: number): number[] {
  const vector = Array.from({ length: dimension }, () => random() * 2 - 1);
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return vector.map((value) => value / norm);
}

/**
 * Memory number `index` as `Memory.add` would store it: mem0's payload (text, hash, timestamp,
 * user id) and its ADD history entry. Memory `index` belongs to user `index % users`.
 *
 * @example
 * const { record, history } = memoryAt(7, 1000, random, 1024);
 */
export function memoryAt(
  index: number,
  users: number,
  random: () => number,
  dimension: number,
): { record: VectorStoreRecord; history: MemoryHistoryEntry } {
  const id = randomUUID();
  const text = `Memory ${index} of user ${index % users}: prefers green tea in the morning and coffee after lunch.`;
  const createdAt = new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString();
  return {
    record: {
      id,
      vector: unitVector(random, dimension),
      payload: {
        data: text,
        hash: createHash("sha256").update(text).digest("hex"),
        created_at: createdAt,
        user_id: userId(index % users),
        role: "user",
      },
    },
    history: { id: randomUUID(), memoryId: id, previousValue: null, newValue: text, event: "ADD", createdAt },
  };
}

/**
 * The user id of user number `index`.
 *
 * @example
 * userId(3); // "user-3"
 */
export function userId(index: number): string {
  return `user-${index}`;
}
