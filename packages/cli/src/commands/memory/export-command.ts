import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { exportMemories, parseFilter } from "@bedrock-embeddings/memory";
import type { CliIo } from "../../cli-io.js";
import { optionalScope, type ScopeOptions, usageError } from "./memory-options.js";
import { writeNote } from "./memory-output.js";
import { withMemory } from "./open-memory.js";
import { type TextSink, writeWithBackpressure } from "./write-output.js";

export interface MemoryExportOptions extends ScopeOptions {
  vectors?: boolean;
  output?: string;
}

/**
 * `memory export`: every memory (or a scope's) as JSON lines on stdout or into `--output` (written
 * to `<file>.partial` and renamed when complete, so a failed export never looks finished).
 * `--vectors` adds each stored vector with its model and dimension.
 */
export async function memoryExportCommand(options: MemoryExportOptions, io: CliIo): Promise<void> {
  const filters = optionalScope(options);
  if (options.output !== undefined && options.output.trim() === "") {
    throw usageError("--output is empty.", "Pass a file name, or leave --output out to write to stdout.");
  }
  await withMemory(options.config, io, async (memory) => {
    const lines = exportMemories(memory.vectorStore, {
      ...(filters === undefined ? {} : { filter: parseFilter(filters) }),
      includeVectors: options.vectors ?? false,
    });
    const exported =
      options.output === undefined
        ? await writeLines(lines, io.stdout)
        : await writeFile(lines, options.output);
    const where = options.output === undefined ? "" : ` to ${options.output}`;
    writeNote(io, options.json, `exported ${exported} ${exported === 1 ? "memory" : "memories"}${where}`, {
      exported,
      ...(options.output === undefined ? {} : { output: options.output }),
    });
  });
}

async function writeLines(lines: AsyncIterable<unknown>, sink: TextSink): Promise<number> {
  let count = 0;
  for await (const line of lines) {
    await writeWithBackpressure(sink, `${JSON.stringify(line)}\n`);
    count++;
  }
  return count;
}

async function writeFile(lines: AsyncIterable<unknown>, file: string): Promise<number> {
  const partial = `${file}.partial`;
  const stream = createWriteStream(partial);
  try {
    const count = await writeLines(lines, stream);
    stream.end();
    await finished(stream);
    await rename(partial, file);
    return count;
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
