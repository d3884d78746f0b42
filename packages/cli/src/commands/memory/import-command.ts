import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { ConfigurationError, InputError } from "@bedrock-embeddings/core";
import { type ImportCounts, importMemories } from "@bedrock-embeddings/memory";
import type { CliIo } from "../../cli-io.js";
import { allLines } from "./input-lines.js";
import { type MemoryCommandOptions, usageError } from "./memory-options.js";
import { writeJsonLine, writeNote } from "./memory-output.js";
import { withMemory } from "./open-memory.js";

export interface MemoryImportOptions extends MemoryCommandOptions {
  skipInvalid?: boolean;
  batchSize?: number;
}

/**
 * `memory import [file|-]`: reads JSON lines as `memory export` writes them (stdin when no file or
 * `-`), keeping ids, scopes, metadata and timestamps; reuses exported vectors of the same model and
 * dimension, embeds the rest. Running it again changes nothing. Prints the counts; an invalid line
 * stops the import (what came before is kept) unless `--skip-invalid`, which reports each skipped
 * line on stderr and exits 1 at the end.
 */
export async function memoryImportCommand(
  file: string | undefined,
  options: MemoryImportOptions,
  io: CliIo,
): Promise<void> {
  const fromStdin = file === undefined || file === "-";
  if (fromStdin && io.stdin.isTTY) {
    throw usageError(
      "no input: stdin is a terminal.",
      "Pass a file (memory import memories.jsonl) or pipe JSON lines in.",
    );
  }
  if (!fromStdin) await requireReadable(file);
  const input = fromStdin ? io.stdin : createReadStream(file);
  const lines = allLines(input);

  await withMemory(options.config, io, async (memory) => {
    const counts = await importMemories(memory.vectorStore, memory.embedder, lines, {
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      skipInvalid: options.skipInvalid ?? false,
      onSkipped: (error) =>
        writeNote(io, options.json, `skipped ${error.message}`, { skipped: error.message }),
      ...(io.stopSignal === undefined ? {} : { signal: io.stopSignal }),
    }).catch((error: unknown) => {
      throw withCliFix(error);
    });
    if (options.json) writeJsonLine(io, counts);
    else io.stdout.write(`${summary(counts)}\n`);
    if (counts.skipped > 0) {
      throw new InputError(
        `${counts.skipped} invalid ${counts.skipped === 1 ? "line was" : "lines were"} skipped.`,
        {
          fix: "Fix the lines reported above and import the file again; the lines already imported are not duplicated.",
        },
      );
    }
  });
}

function summary(counts: ImportCounts): string {
  const written = counts.added + counts.updated;
  return (
    `imported ${written} ${written === 1 ? "memory" : "memories"}: ${counts.added} added, ${counts.updated} updated, ` +
    `${counts.unchanged} already stored, ${counts.skipped} skipped ` +
    `(${counts.embedded} embedded, ${counts.reusedVectors} vectors reused)`
  );
}

// The library names its own options; a CLI user needs the flags.
function withCliFix(error: unknown): unknown {
  if (!InputError.isInstance(error) || !/^line \d+: /.test(error.problem)) return error;
  const lineError = error.cause;
  const lineFix = InputError.isInstance(lineError) && lineError.fix ? `${lineError.fix} ` : "";
  return new InputError(error.problem, {
    fix: `${lineFix}Then run the same import again (lines already imported are not duplicated), or pass --skip-invalid to skip bad lines.`,
    cause: error,
  });
}

async function requireReadable(file: string): Promise<void> {
  try {
    await access(file);
  } catch (error) {
    throw new ConfigurationError(`cannot read ${file}.`, {
      cause: error,
      fix: "Check the path, or pass - to read JSON lines from stdin.",
    });
  }
}
