import { type EmbeddingUsage, emptyUsage, type MemoryAction, reportsUsage } from "@bedrock-embeddings/core";
import type { CliIo } from "../cli-io.js";
import { readLines } from "../read-lines.js";
import { withRuntime } from "../runtime.js";
import { type MediaOptions, mediaCommand, wantsMedia } from "./media-command.js";

export interface EmbedCommandOptions extends Partial<MediaOptions> {
  config: string;
  action: MemoryAction;
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
    let usage: EmbeddingUsage = emptyUsage();
    let vectors: number[][];
    if (reportsUsage(embedder)) {
      ({ vectors, usage } = await embedder.embedBatchDetailed(strings, options.action));
    } else {
      vectors = await embedder.embedBatch(strings, options.action);
    }
    vectors.forEach((vector, index) => {
      const line = inputs[index]?.line;
      io.stdout.write(
        `${JSON.stringify({ index, ...(line === undefined ? {} : { line }), dimension: vector.length, vector })}\n`,
      );
    });
    io.stderr.write(
      `embedded ${vectors.length} texts with ${embedder.modelId} in ${usage.calls} calls ` +
        `(${usage.inputTokens} input tokens, ${usage.retries} retries, ${usage.throttles} throttled)\n`,
    );
  });
}
