import { ConfigurationError } from "@bedrock-embeddings/core";
import { Memory } from "@bedrock-embeddings/memory";
import type { CliIo } from "../../cli-io.js";
import { withOpened } from "../../embedded-emulator.js";
import { type Runtime, withRuntime } from "../../runtime.js";

/** How a memory command opens its memory. */
export interface OpenMemoryOptions {
  /**
   * Bind the store to the configured embedder before `work` (default true), so a model or dimension
   * change is reported with the CLI's way out. `memory reset` opens without binding: it is that way out.
   */
  bind?: boolean;
}

/**
 * Opens the config's runtime and the memory on its `vector_store`, runs `work`, and always closes
 * both (store connections and locks, then the embedded emulator).
 *
 * @example
 * await withMemory(options.config, io, (memory) => memory.get(id));
 */
export function withMemory<Result>(
  configFile: string,
  io: CliIo,
  work: (memory: Memory, runtime: Runtime) => Promise<Result>,
  options: OpenMemoryOptions = {},
): Promise<Result> {
  return withRuntime(configFile, io.environment, (runtime) =>
    withOpened(
      () => Memory.fromConfig(runtime.config, { embedder: runtime.embedder }),
      async (memory) => {
        if (options.bind ?? true) await bindStore(memory, configFile);
        return work(memory, runtime);
      },
    ),
  );
}

/**
 * Binds the memory's store to the configured embedder, as every `Memory` call does first; the
 * export, import and reembed commands use the store directly. A store of another model or
 * dimension is reported with the commands that fix it.
 *
 * @example
 * await bindStore(memory, "app.yaml");
 * await bindStore(target, "new.yaml", "Point vector_store at an empty location."); // own advice
 */
export async function bindStore(memory: Memory, configFile: string, fix?: string): Promise<void> {
  const dimension = memory.embedder.dimension ?? (await memory.embedder.detectDimension());
  try {
    await memory.vectorStore.initialize({ dimension, modelId: memory.embedder.modelId });
  } catch (error) {
    if (!ConfigurationError.isInstance(error)) throw error;
    throw new ConfigurationError(error.problem, {
      ...(error.file === undefined ? {} : { file: error.file }),
      fix:
        fix ??
        "Go back to the embedder settings the store was built with; or, with those settings in a config " +
          `file, copy the memories to a new store with \`memory reembed --config <that file> --to ${configFile}\` ` +
          "(after pointing vector_store at a new location); or delete every stored memory with `memory reset --yes`.",
      cause: error,
    });
  }
}
