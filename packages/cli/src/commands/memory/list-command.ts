import type { CliIo } from "../../cli-io.js";
import { requiredScope, type ScopeOptions, usageError } from "./memory-options.js";
import { writeItem, writeNote } from "./memory-output.js";
import { withMemory } from "./open-memory.js";

/** Memories per page when `--limit` is not given. */
const DEFAULT_LIST_LIMIT = 100;

export interface MemoryListOptions extends ScopeOptions {
  limit?: number;
  cursor?: string;
  all?: boolean;
}

/**
 * `memory list`: a scope's memories, oldest first, one page (`--limit`, `--cursor`; the next cursor
 * goes to stderr) or every page with `--all`.
 */
export async function memoryListCommand(options: MemoryListOptions, io: CliIo): Promise<void> {
  const filters = requiredScope(options);
  if (options.cursor !== undefined && options.cursor.trim() === "") {
    throw usageError("--cursor is empty.", "Pass the cursor a previous `memory list` printed on stderr.");
  }
  const limit = options.limit ?? DEFAULT_LIST_LIMIT;
  await withMemory(options.config, io, async (memory) => {
    let cursor = options.cursor;
    let listed = 0;
    do {
      const page = await memory.getAll({ filters, topK: limit, ...(cursor === undefined ? {} : { cursor }) });
      for (const item of page.results) writeItem(io, item, options.json);
      listed += page.results.length;
      cursor = page.nextCursor;
    } while (options.all && cursor !== undefined);
    if (cursor !== undefined) {
      writeNote(
        io,
        options.json,
        `more memories: continue with --cursor ${cursor} (or list them all with --all)`,
        {
          nextCursor: cursor,
        },
      );
    } else if (listed === 0) {
      writeNote(io, options.json, "no memories in this scope", { listed: 0 });
    }
  });
}
