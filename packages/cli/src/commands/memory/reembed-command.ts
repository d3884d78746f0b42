import {
  describeStoreLocation,
  Memory,
  type ReembedCounts,
  reembedMemories,
  sameStoreLocation,
} from "@bedrock-embeddings/memory";
import type { CliIo } from "../../cli-io.js";
import { withOpened } from "../../embedded-emulator.js";
import { withRuntime } from "../../runtime.js";
import { type MemoryCommandOptions, usageError } from "./memory-options.js";
import { writeJsonLine, writeNote } from "./memory-output.js";
import { bindStore } from "./open-memory.js";

/** Least time between two progress lines on stderr. */
const PROGRESS_INTERVAL_MS = 1000;

export interface MemoryReembedOptions extends MemoryCommandOptions {
  to: string;
  batchSize?: number;
}

/**
 * `memory reembed --config <current> --to <new>`: copies every memory of the current store (all
 * scopes, ids, metadata, timestamps, history) into the store of the `--to` config, embedded by the
 * `--to` config's embedder. The source is only read. Interrupted (Ctrl-C or a failure), run it
 * again: memories already copied are skipped. Then point your app at the new config.
 */
export async function memoryReembedCommand(options: MemoryReembedOptions, io: CliIo): Promise<void> {
  if (options.to.trim() === "") throw usageError("--to is empty.", "Pass the config file of the new store.");
  await withRuntime(options.config, io.environment, (source) =>
    withRuntime(options.to, io.environment, async (target) => {
      const targetLocation = describeStoreLocation(target.config.vectorStore);
      if (sameStoreLocation(source.config.vectorStore, target.config.vectorStore)) {
        throw usageError(
          `--to ${options.to} names the same store as --config ${options.config} (${targetLocation}).`,
          "Point vector_store in the --to config at a new location (another path, collection or table).",
        );
      }
      await withOpened(
        () => Memory.fromConfig(source.config, { embedder: source.embedder }),
        (sourceMemory) =>
          withOpened(
            () => Memory.fromConfig(target.config, { embedder: target.embedder }),
            (targetMemory) => copyInto(sourceMemory, targetMemory, targetLocation, options, io),
          ),
      );
    }),
  );
}

async function copyInto(
  source: Memory,
  target: Memory,
  targetLocation: string,
  options: MemoryReembedOptions,
  io: CliIo,
): Promise<void> {
  await bindStore(
    source,
    options.config,
    `--config must hold the embedder settings the store was built with (model and dimensions); put the new ones in ${options.to}.`,
  );
  await bindStore(
    target,
    options.to,
    `Point vector_store in ${options.to} at a new location, or empty that store first with ` +
      `\`memory reset --config ${options.to} --yes\`.`,
  );
  const counts = await reembedMemories(source.vectorStore, target.vectorStore, target.embedder, {
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    onProgress: progressReporter(io, options.json),
    ...(io.stopSignal === undefined ? {} : { signal: io.stopSignal }),
  });
  const model = target.embedder.modelId;
  if (options.json) {
    writeJsonLine(io, { ...counts, target: targetLocation, model });
    return;
  }
  const noun = counts.copied === 1 ? "memory" : "memories";
  io.stdout.write(
    `re-embedded ${counts.copied} ${noun} with ${model} into ${targetLocation} (${counts.alreadyThere} already there)\n`,
  );
}

function progressReporter(io: CliIo, json: boolean | undefined): (counts: Readonly<ReembedCounts>) => void {
  let lastReport = 0;
  return (counts) => {
    const now = Date.now();
    if (now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    writeNote(io, json, `re-embedding: ${counts.copied} copied, ${counts.alreadyThere} already there`, {
      progress: counts,
    });
  };
}
