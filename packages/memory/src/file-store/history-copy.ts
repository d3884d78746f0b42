import { InputError } from "@bedrock-embeddings/core";
import { assertJsonValue, isPlainObject } from "../json-value.js";
import type { MemoryHistoryEntry } from "../memory-types.js";
import { copyJson } from "./json-copy.js";

/**
 * Checks history entries given with a write and returns private copies of them: plain JSON objects
 * with a string `memoryId` (the key they are found by).
 *
 * @example
 * const entries = copyHistory(options.history?.(previous));
 */
export function copyHistory(history: unknown): MemoryHistoryEntry[] {
  if (history === undefined) return [];
  if (!Array.isArray(history)) {
    throw new InputError("history must be an array of history entries.", {
      fix: "Pass e.g. [{ id, memoryId, previousValue, newValue, event, createdAt }].",
    });
  }
  return history.map((entry: unknown, index) => {
    if (!isPlainObject(entry) || typeof entry["memoryId"] !== "string") {
      throw new InputError("a history entry must be an object with a string memoryId.", {
        index,
        fix: "Pass entries shaped like MemoryHistoryEntry.",
      });
    }
    assertJsonValue(entry, `history[${index}]`);
    return copyJson(entry) as unknown as MemoryHistoryEntry;
  });
}
