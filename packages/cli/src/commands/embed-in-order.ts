import { setMaxListeners } from "node:events";
import type { BatchProgress } from "@bedrock-embeddings/core";
import {
  addUsage,
  type EmbeddingBase,
  type EmbeddingUsage,
  emptyUsage,
  type MemoryAction,
} from "@bedrock-embeddings/core";
import type { ProgressCounts } from "./batch-progress.js";
import { type ChunkOutcome, embedChunk } from "./embed-chunk.js";

/**
 * Texts per chunk: a multiple of the largest texts-per-call of any family (Cohere's 96), so
 * packing into calls is as tight as for one big batch.
 */
export const CHUNK_TEXTS = 192;
/**
 * Chunks in flight at once: enough texts queued for the embedder's scheduler to reach its
 * highest concurrency (64 calls of 96 texts), few enough that an interrupt drops little.
 */
export const CHUNKS_IN_FLIGHT = 32;

/** Extras of `embedInOrder`. */
export interface EmbedInOrderOptions {
  /** Stops starting chunks and cancels those in flight; what they had done is still delivered. */
  signal: AbortSignal;
  /** Called with the texts' start position and outcome, strictly in input order. */
  onChunk: (start: number, outcome: ChunkOutcome) => void;
  onProgress?: (counts: ProgressCounts) => void;
  chunkTexts?: number;
  chunksInFlight?: number;
}

/**
 * Embeds texts in ordered chunks, several at once through the one embedder (whose scheduler
 * paces every call), and hands each chunk's outcome over as soon as it and every chunk before it
 * are done, so a long run streams its vectors in input order and a failure late in the run never
 * holds back or discards what was done before it. Resolves with the total usage (undefined when
 * the embedder does not report it); never rejects for a failed text.
 *
 * @example
 * await embedInOrder(embedder, texts, "add", { signal, onChunk: (start, { vectors }) => print(start, vectors) });
 */
export async function embedInOrder(
  embedder: EmbeddingBase,
  texts: readonly string[],
  memoryAction: MemoryAction,
  options: EmbedInOrderOptions,
): Promise<EmbeddingUsage | undefined> {
  const size = options.chunkTexts ?? CHUNK_TEXTS;
  const starts = Array.from({ length: Math.ceil(texts.length / size) }, (_unused, chunk) => chunk * size);
  const counts = new ChunkCounts(starts.length, options.onProgress);
  // One signal of our own that every chunk in flight listens to (hence no listener limit).
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  const forward = (): void => stop.abort(options.signal.reason);
  if (options.signal.aborted) forward();
  else options.signal.addEventListener("abort", forward, { once: true });
  const running: Promise<ChunkOutcome>[] = [];
  let started = 0;

  const startNext = (): void => {
    if (started >= starts.length) return;
    const chunk = started++;
    const part = texts.slice(starts[chunk], starts[chunk]! + size);
    running[chunk] = runChunk(embedder, part, memoryAction, stop.signal, (progress) =>
      counts.update(chunk, progress),
    )
      .then((outcome) => {
        counts.finish(chunk, outcome);
        return outcome;
      })
      // Each finished chunk starts the next, so one slow chunk never stalls the others.
      .finally(startNext);
  };
  for (let slot = 0; slot < (options.chunksInFlight ?? CHUNKS_IN_FLIGHT); slot++) startNext();

  let usage: EmbeddingUsage | undefined;
  try {
    for (const [chunk, start] of starts.entries()) {
      const outcome = await running[chunk]!;
      delete running[chunk];
      if (outcome.usage) usage = addUsage(usage ?? emptyUsage(), outcome.usage);
      options.onChunk(start, outcome);
    }
  } finally {
    options.signal.removeEventListener("abort", forward);
  }
  return usage;
}

async function runChunk(
  embedder: EmbeddingBase,
  texts: readonly string[],
  memoryAction: MemoryAction,
  signal: AbortSignal,
  onProgress: (progress: BatchProgress) => void,
): Promise<ChunkOutcome> {
  if (signal.aborted) return notStarted(texts.length, signal.reason);
  try {
    return await embedChunk(embedder, texts, memoryAction, { signal, onProgress });
  } catch (error) {
    return notStarted(texts.length, error);
  }
}

function notStarted(size: number, reason: unknown): ChunkOutcome {
  const error = reason instanceof Error ? reason : new Error(String(reason));
  return {
    vectors: new Array(size).fill(undefined),
    failures: Array.from({ length: size }, (_unused, index) => ({ index, error })),
    usage: undefined,
  };
}

/** The run's counts as the sum of each chunk's latest progress (its final counts once done). */
class ChunkCounts {
  readonly #chunks: ProgressCounts[];
  readonly #listener: ((counts: ProgressCounts) => void) | undefined;

  constructor(chunks: number, listener: ((counts: ProgressCounts) => void) | undefined) {
    this.#chunks = Array.from({ length: chunks }, () => ({
      embedded: 0,
      failed: 0,
      inputTokens: 0,
      retries: 0,
      throttles: 0,
    }));
    this.#listener = listener;
  }

  update(chunk: number, progress: BatchProgress): void {
    this.#set(chunk, { ...progress, embedded: progress.done - progress.failed });
  }

  finish(chunk: number, outcome: ChunkOutcome): void {
    const usage = outcome.usage ?? this.#chunks[chunk]!;
    this.#set(chunk, {
      embedded: outcome.vectors.length - outcome.failures.length,
      failed: outcome.failures.length,
      inputTokens: usage.inputTokens,
      retries: usage.retries,
      throttles: usage.throttles,
    });
  }

  #set(chunk: number, counts: ProgressCounts): void {
    const { embedded, failed, inputTokens, retries, throttles } = counts;
    this.#chunks[chunk] = { embedded, failed, inputTokens, retries, throttles };
    if (!this.#listener) return;
    const total = { embedded: 0, failed: 0, inputTokens: 0, retries: 0, throttles: 0 };
    for (const each of this.#chunks) {
      total.embedded += each.embedded;
      total.failed += each.failed;
      total.inputTokens += each.inputTokens;
      total.retries += each.retries;
      total.throttles += each.throttles;
    }
    this.#listener(total);
  }
}
