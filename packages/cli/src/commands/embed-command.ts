import { type EmbeddingBase, emptyUsage, type MemoryAction } from "@bedrock-embeddings/core";
import type { CliIo } from "../cli-io.js";
import { readLines } from "../read-lines.js";
import { startProgressBar, usageSummary } from "./batch-progress.js";
import { embedInOrder } from "./embed-in-order.js";
import { type EmbedInput, type EmbedOutput, openEmbedOutput } from "./embed-output.js";
import { type EmbedderSource, withEmbedder } from "./embed-runtime.js";
import { checkEmbedFlags } from "./embed-usage.js";
import { failureReport } from "./failure-report.js";
import { type MediaOptions, mediaCommand, wantsMedia } from "./media-command.js";
import { IncompleteResultError, whileInterruptible } from "./poll-progress.js";
import { type VectorEncoding, type VectorFormat, vectorLine } from "./vector-line.js";

export interface EmbedCommandOptions extends Partial<Omit<MediaOptions, "config">>, EmbedderSource {
  action: MemoryAction;
  /** Show a progress bar on stderr even when it is not a terminal (or, false, never). */
  progress?: boolean;
  /** Append to this file instead of stdout, skipping the inputs it already holds. */
  output?: string;
  /** Decimal places of each number (JSON format). */
  precision?: number;
  format?: VectorFormat;
}

/**
 * Embeds the texts given as arguments, or one text per non-empty stdin line, and writes one
 * JSON line per text in input order (see `vectorLine`) as soon as it and every text before it
 * are done. A text that fails is reported on stderr with its index and stdin line and the run
 * goes on; the command then exits 1, and with `--output` a rerun embeds only what is missing.
 */
export async function embedCommand(texts: string[], options: EmbedCommandOptions, io: CliIo): Promise<void> {
  checkEmbedFlags(options);
  if (wantsMedia(options)) return mediaCommand(texts, options as MediaOptions, io);
  const inputs: EmbedInput[] =
    texts.length > 0 ? texts.map((text) => ({ text, line: undefined })) : await readLines(io.stdin);
  const encoding: VectorEncoding = { format: options.format ?? "json", precision: options.precision };
  await withEmbedder(options, io.environment, async (embedder) => {
    const output = await openEmbedOutput(
      options.output,
      { inputs, format: encoding.format, dimension: embedder.dimension },
      io,
    );
    try {
      await embedInputs(embedder, inputs, output, encoding, options, io);
    } finally {
      output.close();
    }
  });
}

async function embedInputs(
  embedder: EmbeddingBase,
  inputs: readonly EmbedInput[],
  output: EmbedOutput,
  encoding: VectorEncoding,
  options: EmbedCommandOptions,
  io: CliIo,
): Promise<void> {
  const todo = inputs.flatMap((input, index) => (output.written.has(index) ? [] : [{ ...input, index }]));
  if (output.written.size > 0) {
    io.stderr.write(
      `${output.written.size} of ${inputs.length} inputs are already in ${output.file}; embedding the other ${todo.length}\n`,
    );
  }
  const bar = startProgressBar(io, todo.length, options.progress);
  // A bar drawn in place is cleared before a failure line, and redrawn at its next update.
  const report = failureReport((text) => io.stderr.write(bar?.inPlace ? `\r\x1b[2K${text}` : text));
  let failed = 0;
  const usage = await whileInterruptible(io, (signal) =>
    embedInOrder(
      embedder,
      todo.map((input) => input.text),
      options.action,
      {
        signal,
        ...(bar ? { onProgress: (counts) => bar.update(counts) } : {}),
        onChunk: (start, outcome) => {
          const reasons = new Map(outcome.failures.map((failure) => [failure.index, failure.error]));
          let lines = "";
          outcome.vectors.forEach((vector, offset) => {
            const input = todo[start + offset]!;
            if (vector !== undefined) {
              lines += vectorLine(input.index, input.line, vector, encoding);
              return;
            }
            failed++;
            const error = reasons.get(offset) ?? new Error("the embedder returned no vector and no reason.");
            report.add({ index: input.index, line: input.line, error });
          });
          if (lines.length > 0) output.write(lines);
        },
      },
    ),
  );
  report.flush();
  bar?.stop();
  const { calls } = usage ?? emptyUsage();
  const embedded = todo.length - failed;
  const summary = usageSummary(usage ?? emptyUsage(), false);
  if (failed === 0) {
    io.stderr.write(`embedded ${embedded} texts with ${embedder.modelId} in ${calls} calls (${summary})\n`);
    return;
  }
  io.stderr.write(
    `embedded ${embedded} of ${todo.length} texts with ${embedder.modelId} in ${calls} calls (${summary}); ` +
      `${failed} failed (listed above)\n`,
  );
  const resume =
    output.file === undefined
      ? "Save this run's output to a file and run the same command with --output <that file>: only the failed inputs are embedded and appended."
      : `Run the same command again: the inputs already in ${output.file} are skipped and the ${failed} failed ones are appended.`;
  throw new IncompleteResultError(
    `${failed} of ${todo.length} texts failed (listed above); the ${embedded} embedded vectors were written. ${resume}`,
  );
}
