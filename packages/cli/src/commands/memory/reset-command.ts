import { describeStoreLocation } from "@bedrock-embeddings/memory";
import type { CliIo } from "../../cli-io.js";
import { type MemoryCommandOptions, usageError } from "./memory-options.js";
import { writeJsonLine } from "./memory-output.js";
import { withMemory } from "./open-memory.js";

export interface MemoryResetOptions extends MemoryCommandOptions {
  yes?: boolean;
}

/**
 * `memory reset --yes`: deletes every memory of every scope and all history, and forgets the
 * store's model and dimension (the way out after changing the embedder, when the old memories are
 * not needed). Refuses without `--yes`.
 */
export async function memoryResetCommand(options: MemoryResetOptions, io: CliIo): Promise<void> {
  if (!options.yes) {
    throw usageError(
      "memory reset deletes every memory of every scope and all history, and cannot be undone.",
      "Pass --yes to confirm; to keep the memories, `memory export` them first or `memory reembed` them into a new store.",
    );
  }
  await withMemory(
    options.config,
    io,
    async (memory, runtime) => {
      await memory.reset();
      const location = describeStoreLocation(runtime.config.vectorStore);
      if (options.json) writeJsonLine(io, { reset: true, store: location });
      else io.stdout.write(`Deleted every memory and all history in ${location}.\n`);
    },
    { bind: false },
  );
}
