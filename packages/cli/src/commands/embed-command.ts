import { emptyUsage, InputError, type MemoryAction } from "@bedrock-embeddings/core";
import type { CliIo } from "../cli-io.js";
import { readLines } from "../read-lines.js";
import { withRuntime } from "../runtime.js";
import { embedWithProgress, usageSummary } from "./batch-progress.js";
import { type MediaOptions, mediaCommand, wantsMedia } from "./media-command.js";

export interface EmbedCommandOptions extends Partial<MediaOptions> {
  config: string;
  action: MemoryAction;
  /** Show a progress bar on stderr even when it is not a terminal (or, false, never). */
  progress?: boolean;
}

/**
 * Embeds the texts given as arguments, or one text per non-empty stdin line, and writes one
 * JSON object per line: `{"index":0,"dimension":1024,"vector":[...]}` (plus `line` for stdin).
 */
export async function embedCommand(texts: string[], options: EmbedCommandOptions, io: CliIo): Promise<void> {
  if (wantsMedia(options)) return mediaCommand(texts, options, io);
  const inputs =
    texts.length > 0 ? texts.map((text) => ({ text, line: undefined })) : await readLines(io.stdin);
  await withRuntime(options.config, io.environment, async ({ embedder }) => {
    const strings = inputs.map((input) => input.text);
    const { vectors, usage = emptyUsage() } = await embedWithProgress(
      embedder,
      strings,
      options.action,
      io,
      options.progress,
    ).catch((error: unknown) => {
      throw withStdinLine(error, inputs);
    });
    vectors.forEach((vector, index) => {
      const line = inputs[index]?.line;
      io.stdout.write(
        `${JSON.stringify({ index, ...(line === undefined ? {} : { line }), dimension: vector.length, vector })}\n`,
      );
    });
    io.stderr.write(
      `embedded ${vectors.length} texts with ${embedder.modelId} in ${usage.calls} calls (${usageSummary(usage, false)})\n`,
    );
  });
}

// Blank stdin lines are skipped, so an input's index is not its line: name the line too.
function withStdinLine(error: unknown, inputs: readonly { line: number | undefined }[]): unknown {
  if (!InputError.isInstance(error) || error.index === undefined) return error;
  const line = inputs[error.index]?.line;
  if (line === undefined) return error;
  return new InputError(`stdin line ${line}: ${error.message}`, {
    limit: error.limit,
    actual: error.actual,
    cause: error,
  });
}
