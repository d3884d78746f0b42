import type { CliIo } from "../../cli-io.js";
import { optionalScope, requireIdArgument, type ScopeOptions } from "./memory-options.js";
import { writeJsonLine, writeNote } from "./memory-output.js";
import { memoryNotFound } from "./not-found.js";
import { withMemory } from "./open-memory.js";

/**
 * `memory history <id>`: every recorded change of a memory, oldest first. With scope flags, the
 * memory must exist in that scope (a deleted memory's history is shown without them).
 */
export async function memoryHistoryCommand(id: string, options: ScopeOptions, io: CliIo): Promise<void> {
  const memoryId = requireIdArgument(id);
  const filters = optionalScope(options);
  await withMemory(options.config, io, async (memory) => {
    if (filters !== undefined && !(await memory.get(memoryId, { filters }))) {
      throw memoryNotFound(memoryId, true);
    }
    const entries = await memory.history(memoryId);
    for (const entry of entries) {
      if (options.json) writeJsonLine(io, entry);
      else io.stdout.write(`${entry.createdAt}  ${entry.event.padEnd(6)}  ${describeChange(entry)}\n`);
    }
    if (entries.length === 0)
      writeNote(io, options.json, `no history for memory ${memoryId}`, { entries: 0 });
  });
}

function describeChange(entry: { previousValue: string | null; newValue: string | null }): string {
  if (entry.previousValue === null) return entry.newValue ?? "";
  if (entry.newValue === null) return entry.previousValue;
  return `${entry.previousValue} -> ${entry.newValue}`;
}
