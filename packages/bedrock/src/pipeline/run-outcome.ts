import {
  BatchEmbeddingError,
  type BatchFailure,
  type EmbeddingResult,
  type EmbeddingUsage,
} from "@bedrock-embeddings/core";
import type { PipelineRun } from "./run-calls.js";

/**
 * A run resolved: every result, or a throw. An abort throws a BatchEmbeddingError marked
 * `aborted`; an error that dooms every call throws that BedrockApiError naming every input not
 * embedded; other failures, and a run stopped by its guard (endpoint refusing connections or
 * silent) after some inputs were embedded, throw a BatchEmbeddingError keeping every result.
 * `withResults` puts the per-input results (not just vectors) on that error, as `embedInputs` does.
 *
 * @example
 * const { results, usage } = resultsOrThrow(run, true);
 */
export function resultsOrThrow(
  run: PipelineRun,
  withResults: boolean,
): { results: EmbeddingResult[]; usage: EmbeddingUsage } {
  throwIfAborted(run, withResults);
  // A run the guard stopped (endpoint down or silent) keeps what it embedded before.
  if (run.stopped && notEmbedded(run).length < run.results.length) {
    throw new BatchEmbeddingError(vectorsOf(run.results), settledResults(run, withResults).failures, {
      usage: run.usage,
      cause: run.stopped,
      ...(withResults ? { results: run.results } : {}),
    });
  }
  if (run.fatal) throw run.fatal.withFailedIndexes(notEmbedded(run));
  if (run.failures.length > 0) {
    throw new BatchEmbeddingError(vectorsOf(run.results), run.failures, {
      usage: run.usage,
      ...(withResults ? { results: run.results } : {}),
    });
  }
  return { results: run.results as EmbeddingResult[], usage: run.usage };
}

/**
 * A run settled: per-index results and failures. Only an abort still throws. After an error that
 * dooms every call, each input not embedded fails with it.
 *
 * @example
 * const { results, failures } = settledResults(run, false);
 */
export function settledResults(
  run: PipelineRun,
  withResults: boolean,
): {
  results: (EmbeddingResult | undefined)[];
  failures: BatchFailure[];
  usage: EmbeddingUsage;
} {
  throwIfAborted(run, withResults);
  let failures = run.failures;
  if (run.fatal) {
    const fatal = run.fatal;
    // Every input not embedded and not failed for a reason of its own fails with the doom, which
    // names them all.
    const kept = failures.filter((failure) => failure.error !== fatal);
    const failed = new Set(kept.map((failure) => failure.index));
    const missing = notEmbedded(run);
    const doomed = fatal.withFailedIndexes(missing);
    const rest = missing.filter((index) => !failed.has(index));
    failures = [...kept, ...rest.map((index) => ({ index, error: doomed }))].sort(
      (left, right) => left.index - right.index,
    );
  }
  return { results: run.results, failures, usage: run.usage };
}

/**
 * The float vector of every result (undefined where there is none).
 *
 * @example
 * vectorsOf([{ embeddingType: "TEXT", vector: [0.6, 0.8] }, undefined]); // [[0.6, 0.8], undefined]
 */
export function vectorsOf(results: readonly (EmbeddingResult | undefined)[]): (number[] | undefined)[] {
  const vectors: (number[] | undefined)[] = new Array(results.length);
  for (let index = 0; index < results.length; index++) vectors[index] = results[index]?.vector;
  return vectors;
}

function throwIfAborted(run: PipelineRun, withResults: boolean): void {
  if (!run.aborted) return;
  const { reason } = run.aborted;
  const reasonError = reason instanceof Error ? reason : new Error(String(reason));
  const known = new Map(run.failures.map((failure) => [failure.index, failure]));
  const failures = notEmbedded(run).map((index) => known.get(index) ?? { index, error: reasonError });
  throw new BatchEmbeddingError(vectorsOf(run.results), failures, {
    aborted: true,
    cause: reason,
    usage: run.usage,
    ...(withResults ? { results: run.results } : {}),
  });
}

function notEmbedded(run: PipelineRun): number[] {
  const missing: number[] = [];
  for (let index = 0; index < run.results.length; index++) {
    if (run.results[index] === undefined) missing.push(index);
  }
  return missing;
}
