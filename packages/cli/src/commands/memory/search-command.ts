import type { CliIo } from "../../cli-io.js";
import { requiredScope, type ScopeOptions } from "./memory-options.js";
import { writeJsonLine, writeNote } from "./memory-output.js";
import { withMemory } from "./open-memory.js";

export interface MemorySearchOptions extends ScopeOptions {
  topK?: number;
  threshold?: number;
}

/** `memory search`: the scope's memories most similar to the query, best first, with scores. */
export async function memorySearchCommand(
  query: string,
  options: MemorySearchOptions,
  io: CliIo,
): Promise<void> {
  const filters = requiredScope(options);
  await withMemory(options.config, io, async (memory, runtime) => {
    const found = await memory.search(query, {
      filters,
      topK: options.topK ?? runtime.config.memory.topK,
      threshold: options.threshold ?? runtime.config.memory.threshold,
    });
    found.results.forEach((item, rank) => {
      if (options.json) writeJsonLine(io, { rank: rank + 1, ...item });
      else io.stdout.write(`${rank + 1}. ${(item.score ?? 0).toFixed(4)}  ${item.memory}  (${item.id})\n`);
    });
    if (found.results.length === 0) writeNote(io, options.json, "no memories matched", { matched: 0 });
  });
}
