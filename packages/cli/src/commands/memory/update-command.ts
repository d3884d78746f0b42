import type { CliIo } from "../../cli-io.js";
import {
  optionalScope,
  parseMetadataFlag,
  requireIdArgument,
  type ScopeOptions,
  usageError,
} from "./memory-options.js";
import { writeItem } from "./memory-output.js";
import { memoryNotFound, withCliNotFound } from "./not-found.js";
import { withMemory } from "./open-memory.js";

export interface MemoryUpdateOptions extends ScopeOptions {
  metadata?: string;
}

/**
 * `memory update <id> <text>`: replaces the text (re-embedded) and, with `--metadata`, the metadata;
 * scope flags check the memory's scope. Prints the updated memory.
 */
export async function memoryUpdateCommand(
  id: string,
  text: string,
  options: MemoryUpdateOptions,
  io: CliIo,
): Promise<void> {
  const memoryId = requireIdArgument(id);
  if (text.trim() === "") throw usageError("the new text is empty.", "Pass the memory's new text.");
  const metadata = parseMetadataFlag(options.metadata);
  const filters = optionalScope(options);
  const scopeCheck = filters === undefined ? {} : { filters };
  await withMemory(options.config, io, async (memory) => {
    await withCliNotFound(memoryId, filters !== undefined, () =>
      memory.update(memoryId, metadata === undefined ? { text } : { text, metadata }, scopeCheck),
    );
    const item = await memory.get(memoryId, scopeCheck);
    if (!item) throw memoryNotFound(memoryId, filters !== undefined);
    writeItem(io, item, options.json);
  });
}
