import { InputError } from "@bedrock-embeddings/core";
import type { CliIo } from "../../cli-io.js";
import { inBatches, type NumberedLine, nonBlankLines } from "./input-lines.js";
import {
  parseMetadataFlag,
  requiredScope,
  type ScopeOptions,
  scopeIds,
  usageError,
} from "./memory-options.js";
import { writeItem, writeNote } from "./memory-output.js";
import { withMemory } from "./open-memory.js";

/** Memories added (and embedded) per call, so a long stdin is stored and printed as it goes. */
const ADD_BATCH_SIZE = 100;

export interface MemoryAddOptions extends ScopeOptions {
  metadata?: string;
}

/**
 * `memory add`: stores each text (the arguments, or one per non-blank stdin line) as one memory in
 * the scope, printing each as it is stored. A failure keeps the batches stored before it.
 */
export async function memoryAddCommand(texts: string[], options: MemoryAddOptions, io: CliIo): Promise<void> {
  const scope = scopeIds(requiredScope(options));
  const metadata = parseMetadataFlag(options.metadata);
  const fromArguments = texts.length > 0;
  texts.forEach((text, position) => {
    if (text.trim() === "") throw usageError(`text ${position + 1} is empty.`, "Pass non-empty texts.");
  });
  if (!fromArguments && io.stdin.isTTY) {
    throw usageError("no text given.", "Pass texts as arguments, or pipe one text per line on stdin.");
  }
  const lines: AsyncIterable<NumberedLine> | Iterable<NumberedLine> = fromArguments
    ? texts.map((text) => ({ line: 0, text }))
    : nonBlankLines(io.stdin);

  await withMemory(options.config, io, async (memory) => {
    let added = 0;
    for await (const batch of inBatches(lines, ADD_BATCH_SIZE)) {
      const messages = batch.map(({ text }) => ({ role: "user" as const, content: text }));
      const result = await memory
        .add(messages, { ...scope, ...(metadata === undefined ? {} : { metadata }) })
        .catch((error: unknown) => {
          throw fromArguments ? error : withStdinLine(error, batch, added);
        });
      for (const item of result.results) writeItem(io, item, options.json);
      added += result.results.length;
    }
    if (added === 0) {
      throw usageError(
        "no text given: stdin had no non-blank line.",
        "Pipe one text per line, or pass texts as arguments.",
      );
    }
    writeNote(io, options.json, `added ${added} ${added === 1 ? "memory" : "memories"}`, { added });
  });
}

// The position in a batch means nothing to the user; the stdin line does.
function withStdinLine(error: unknown, batch: readonly NumberedLine[], alreadyAdded: number): unknown {
  if (!InputError.isInstance(error) || error.index === undefined) return error;
  const line = batch[error.index]?.line;
  if (line === undefined) return error;
  return new InputError(
    `stdin line ${line}: ${error.problem}${alreadyAdded > 0 ? ` (${alreadyAdded} memories before it were added)` : ""}`,
    { fix: error.fix, cause: error },
  );
}
