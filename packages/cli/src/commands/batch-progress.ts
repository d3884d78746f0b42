import type { BatchProgress } from "@bedrock-embeddings/core";
import {
  type DetailedEmbeddings,
  type EmbeddingBase,
  type EmbeddingUsage,
  type MemoryAction,
  reportsUsage,
} from "@bedrock-embeddings/core";
import cliProgress from "cli-progress";
import type { CliIo } from "../cli-io.js";

/** Below this many texts a run is too short for a bar on a terminal (unless `--progress` asks). */
const LONG_RUN_TEXTS = 50;

/**
 * `embedBatchDetailed` as the CLI calls it: embedders that schedule calls (the Bedrock embedder,
 * directly or behind a cache) take an options argument with `onProgress`; others ignore it.
 */
type DetailedWithProgress = (
  texts: readonly string[],
  memoryAction: MemoryAction | undefined,
  options: { onProgress: (progress: BatchProgress) => void },
) => Promise<DetailedEmbeddings>;

/**
 * Embeds a batch with a progress bar on stderr when stderr is a terminal and the run is long,
 * or always with `--progress` (one line a second when stderr is not a terminal). Returns the
 * usage, or undefined when the embedder does not report it.
 *
 * @example
 * const { vectors, usage } = await embedWithProgress(embedder, texts, "add", io, options.progress);
 */
export async function embedWithProgress(
  embedder: EmbeddingBase,
  texts: readonly string[],
  memoryAction: MemoryAction,
  io: CliIo,
  progress: boolean | undefined,
): Promise<{ vectors: number[][]; usage: EmbeddingUsage | undefined }> {
  if (!reportsUsage(embedder))
    return { vectors: await embedder.embedBatch(texts, memoryAction), usage: undefined };
  const bar = startProgressBar(io, texts.length, progress);
  if (bar === undefined) return embedder.embedBatchDetailed(texts, memoryAction);
  try {
    const detailed = embedder.embedBatchDetailed as unknown as DetailedWithProgress;
    return await detailed.call(embedder, texts, memoryAction, {
      onProgress: (state) => bar.update({ ...state, embedded: state.done - state.failed }),
    });
  } finally {
    bar.stop();
  }
}

/** Where a run stands, as the bar shows it: embedded and failed apart, so failures never look done. */
export interface ProgressCounts {
  embedded: number;
  failed: number;
  inputTokens: number;
  retries: number;
  throttles: number;
}

/** A progress bar on stderr; `update` redraws it, `stop` draws it one last time. */
export interface ProgressBar {
  update(counts: ProgressCounts): void;
  stop(): void;
  /** True when the bar is redrawn in place, so other stderr lines must clear it first. */
  readonly inPlace: boolean;
}

/**
 * A bar for `total` texts when stderr is a terminal and the run is long, or always with
 * `--progress` (`progress: true`; one line a second when stderr is not a terminal); undefined
 * when none is wanted (`--no-progress`, a short run, a pipe).
 *
 * @example
 * const bar = startProgressBar(io, texts.length, options.progress);
 * bar?.update({ embedded: 40, failed: 2, inputTokens: 900, retries: 0, throttles: 0 });
 */
export function startProgressBar(
  io: CliIo,
  total: number,
  progress: boolean | undefined,
): ProgressBar | undefined {
  const stream = io.stderr as CliIo["stderr"] & { isTTY?: boolean };
  const show = progress === true || (progress !== false && stream.isTTY === true && total >= LONG_RUN_TEXTS);
  if (!show) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      format:
        "embedding [{bar}] {embedded} embedded, {failed} failed of {total} texts | {tokens} tokens | " +
        "{retries} retries | {throttles} throttled | ETA {eta_formatted}",
      noTTYOutput: true,
      notTTYSchedule: 1000,
      hideCursor: stream.isTTY === true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { embedded: 0, failed: 0, tokens: 0, retries: 0, throttles: 0 });
  return {
    inPlace: stream.isTTY === true,
    update: (counts) =>
      bar.update(counts.embedded + counts.failed, {
        embedded: counts.embedded,
        failed: counts.failed,
        tokens: counts.inputTokens,
        retries: counts.retries,
        throttles: counts.throttles,
      }),
    stop: () => bar.stop(),
  };
}

/**
 * The end-of-run summary: tokens, calls, retries, throttles, and the estimated cost when the
 * model has a known price.
 *
 * @example
 * usageSummary(usage); // "1234 input tokens, 300 calls, 2 retries, 2 throttled, estimated $0.0000247"
 */
export function usageSummary(usage: EmbeddingUsage, withCalls = true): string {
  const parts = [
    `${usage.inputTokens} input tokens`,
    ...(withCalls ? [`${usage.calls} calls`] : []),
    `${usage.retries} retries`,
    `${usage.throttles} throttled`,
  ];
  if (usage.estimatedCostUsd !== undefined) parts.push(`estimated $${formatUsd(usage.estimatedCostUsd)}`);
  return parts.join(", ");
}

/** Three significant digits however small the estimate (no exponent), trailing zeros dropped. */
function formatUsd(amount: number): string {
  if (amount <= 0) return "0";
  const decimals = Math.min(12, Math.max(2, 2 - Math.floor(Math.log10(amount))));
  return amount
    .toFixed(decimals)
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");
}
