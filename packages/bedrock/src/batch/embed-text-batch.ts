import {
  BatchEmbeddingError,
  type BatchFailure,
  type DetailedEmbeddings,
  InputError,
} from "@bedrock-embeddings/core";
import type { CallContext } from "../call/embed-call.js";
import type { RequestSettings } from "../families/model-family.js";
import { prepareText, prepareTexts } from "../input/check-inputs.js";
import type { EmbedderSettings } from "../settings.js";
import type { EmbedBatchOptions, SettledEmbeddings } from "./batch-options.js";
import { runTextBatch, type TextBatchRun } from "./run-text-batch.js";

/**
 * Checks and embeds a text batch. Without `settle`, the pre-send checks throw the first
 * InputError before anything is sent (a programming error should not cost calls); with it, each
 * bad input fails alone and the rest is embedded.
 *
 * @example
 * const run = await embedTextBatch(context, settings, request, texts, { settle: true });
 */
export async function embedTextBatch(
  context: CallContext,
  settings: EmbedderSettings,
  request: RequestSettings,
  texts: unknown,
  options: EmbedBatchOptions = {},
): Promise<TextBatchRun> {
  const { family, truncate, tokensPerMinute } = settings;
  const inputFailures: BatchFailure[] = [];
  let prepared: (string | undefined)[];
  if (options.settle && Array.isArray(texts)) {
    prepared = texts.map((text: unknown, index) => {
      try {
        return prepareText(text, index, family, truncate);
      } catch (error) {
        if (!InputError.isInstance(error)) throw error;
        inputFailures.push({ index, error });
        return undefined;
      }
    });
  } else {
    prepared = prepareTexts(texts, family, truncate);
  }
  const run = await runTextBatch(
    context,
    prepared,
    request,
    // One call never needs more than one second of a tokens-per-minute budget.
    { textsPerCall: family.limits.textsPerCall, tokensPerCall: tokensPerMinute && tokensPerMinute / 60 },
    options,
  );
  if (inputFailures.length > 0) {
    run.failures = [...inputFailures, ...run.failures].sort((left, right) => left.index - right.index);
  }
  return run;
}

/**
 * What `embedBatchDetailed` resolves without `settle`: every vector, or a throw. An abort throws
 * a BatchEmbeddingError marked `aborted`; an error that dooms every call throws that
 * BedrockApiError naming every input not embedded; other failures, and a run stopped by its guard
 * (endpoint refusing connections or silent) after some vectors were embedded, throw a
 * BatchEmbeddingError keeping every vector embedded.
 *
 * @example
 * const { vectors, usage } = detailedOrThrow(run);
 */
export function detailedOrThrow(run: TextBatchRun): DetailedEmbeddings {
  throwIfAborted(run);
  // A run the guard stopped (endpoint down or silent) keeps what it embedded before.
  if (run.stopped && notEmbedded(run).length < run.vectors.length) {
    throw new BatchEmbeddingError(run.vectors, settled(run).failures, {
      usage: run.usage,
      cause: run.stopped,
    });
  }
  if (run.fatal) throw run.fatal.withFailedIndexes(notEmbedded(run));
  if (run.failures.length > 0) {
    throw new BatchEmbeddingError(run.vectors, run.failures, { usage: run.usage });
  }
  return { vectors: run.vectors as number[][], usage: run.usage };
}

/**
 * What `embedBatchDetailed` resolves with `settle`: per-index vectors and failures. Only an abort
 * still throws. After an error that dooms every call, each input not embedded fails with it.
 *
 * @example
 * const { vectors, failures } = settled(run);
 */
export function settled(run: TextBatchRun): SettledEmbeddings {
  throwIfAborted(run);
  let failures = run.failures;
  if (run.fatal) {
    const fatal = run.fatal;
    // Every input not embedded and not failed for a reason of its own fails with the doom, which
    // names them all.
    const kept = failures.filter((failure) => failure.error !== fatal);
    const failed = new Set(kept.map((failure) => failure.index));
    const doomed = fatal.withFailedIndexes(notEmbedded(run));
    const rest = notEmbedded(run).filter((index) => !failed.has(index));
    failures = [...kept, ...rest.map((index) => ({ index, error: doomed }))].sort(
      (left, right) => left.index - right.index,
    );
  }
  return { vectors: run.vectors, failures, usage: run.usage };
}

function throwIfAborted(run: TextBatchRun): void {
  if (!run.aborted) return;
  const { reason } = run.aborted;
  const reasonError = reason instanceof Error ? reason : new Error(String(reason));
  const known = new Map(run.failures.map((failure) => [failure.index, failure]));
  const failures = notEmbedded(run).map((index) => known.get(index) ?? { index, error: reasonError });
  throw new BatchEmbeddingError(run.vectors, failures, { aborted: true, cause: reason, usage: run.usage });
}

function notEmbedded(run: TextBatchRun): number[] {
  return run.vectors.flatMap((vector, index) => (vector === undefined ? [index] : []));
}
