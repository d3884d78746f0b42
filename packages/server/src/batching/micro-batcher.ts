import { type EmbeddingUsage, InputError, type MemoryAction } from "@bedrock-embeddings/core";
import type { EmbedSettled, SettledBatch } from "./settled-batch.js";

/** What one request gets back from a shared batch. */
export interface BatchedEmbeddings {
  vectors: number[][];
  /** This request's share of the batch's input tokens (its own count when it ran alone). */
  inputTokens: number;
}

export interface MicroBatcherOptions {
  embed: EmbedSettled;
  /** How long a batch waits after its latest request for another to join it (default 2 ms). */
  windowMs?: number;
  /**
   * While a batch for the same memory action is in flight, new requests gather until it ends, at
   * most this long (default 50 ms), so requests that trickle in over HTTP still share calls.
   */
  maxWaitMs?: number;
  /** A batch is sent at once when it reaches this many texts (default 2,048). */
  maxBatchTexts?: number;
  /** Told about every embedder run: its texts and usage (calls, throttles, cache hits), for metrics. */
  onBatch?: (texts: number, usage: EmbeddingUsage) => void;
}

interface Waiting {
  texts: readonly string[];
  resolve(result: BatchedEmbeddings): void;
  reject(error: unknown): void;
}

interface Gathering {
  waiting: Waiting[];
  texts: number;
  timer: NodeJS.Timeout;
  /** When the batch goes however many requests are still arriving (`maxWaitMs` after its first). */
  deadline: number;
  /** True while a run for the same action was in flight at the start: it waits for that run. */
  behindRun: boolean;
}

/**
 * Packs concurrent requests into one embedder run: requests for the same memory action that
 * arrive within `windowMs` of each other (each arrival keeps the window open, at most `maxWaitMs`
 * after the first), or while a run for that action is in flight (up to `maxWaitMs`), are sent together, so a hundred one-text requests become full model calls instead
 * of a hundred small ones. Results go back to each request in its order;
 * an input the model refuses fails only the request it came from.
 *
 * @example
 * const batcher = new MicroBatcher({ embed: settledEmbedding(embedder) });
 * const { vectors } = await batcher.embed(["hello"], "add");
 */
export class MicroBatcher {
  readonly #embed: EmbedSettled;
  readonly #windowMs: number;
  readonly #maxWaitMs: number;
  readonly #inFlight = new Map<MemoryAction, number>();
  readonly #maxBatchTexts: number;
  readonly #onBatch: MicroBatcherOptions["onBatch"];
  readonly #gathering = new Map<MemoryAction, Gathering>();

  constructor(options: MicroBatcherOptions) {
    this.#embed = options.embed;
    this.#windowMs = options.windowMs ?? 2;
    this.#maxWaitMs = options.maxWaitMs ?? 50;
    this.#maxBatchTexts = options.maxBatchTexts ?? 2048;
    this.#onBatch = options.onBatch;
  }

  /** Embeds `texts` together with whatever else arrives within the window. */
  embed(texts: readonly string[], memoryAction: MemoryAction): Promise<BatchedEmbeddings> {
    return new Promise((resolve, reject) => {
      const gathering = this.#gatheringFor(memoryAction);
      gathering.waiting.push({ texts, resolve, reject });
      gathering.texts += texts.length;
      if (gathering.texts >= this.#maxBatchTexts) this.#send(memoryAction);
    });
  }

  #gatheringFor(memoryAction: MemoryAction): Gathering {
    const existing = this.#gathering.get(memoryAction);
    if (existing) {
      // A burst of requests is read one by one: each arrival keeps the window open a little
      // longer, up to the deadline, so the burst leaves as one batch rather than a first straggler.
      if (!existing.behindRun) this.#restartWindow(existing, memoryAction);
      return existing;
    }
    const behindRun = (this.#inFlight.get(memoryAction) ?? 0) > 0;
    const created: Gathering = {
      waiting: [],
      texts: 0,
      timer: setTimeout(() => this.#send(memoryAction), behindRun ? this.#maxWaitMs : this.#windowMs),
      deadline: performance.now() + this.#maxWaitMs,
      behindRun,
    };
    this.#gathering.set(memoryAction, created);
    return created;
  }

  #restartWindow(gathering: Gathering, memoryAction: MemoryAction): void {
    clearTimeout(gathering.timer);
    const wait = Math.min(this.#windowMs, Math.max(0, gathering.deadline - performance.now()));
    gathering.timer = setTimeout(() => this.#send(memoryAction), wait);
  }

  #send(memoryAction: MemoryAction): void {
    const gathering = this.#gathering.get(memoryAction);
    if (!gathering) return;
    clearTimeout(gathering.timer);
    this.#gathering.delete(memoryAction);
    this.#inFlight.set(memoryAction, (this.#inFlight.get(memoryAction) ?? 0) + 1);
    void this.#run(gathering.waiting, memoryAction).finally(() => {
      const left = (this.#inFlight.get(memoryAction) ?? 1) - 1;
      this.#inFlight.set(memoryAction, left);
      // What gathered meanwhile goes now rather than at its deadline.
      if (left === 0) this.#send(memoryAction);
    });
  }

  async #run(waiting: Waiting[], memoryAction: MemoryAction): Promise<void> {
    if (waiting.length === 0) return;
    const texts = waiting.flatMap((request) => request.texts);
    let batch: SettledBatch;
    try {
      batch = await this.#embed(texts, memoryAction);
    } catch (error) {
      const culprit = InputError.isInstance(error) ? ownerOf(waiting, error.index) : undefined;
      if (culprit === undefined) {
        for (const request of waiting) request.reject(error);
        return;
      }
      // A text refused before any call was made: fail its request alone and send the others again.
      const owner = waiting[culprit.request]!;
      owner.reject((error as InputError).withIndex(culprit.position));
      await this.#run(
        waiting.filter((request) => request !== owner),
        memoryAction,
      );
      return;
    }
    this.#onBatch?.(texts.length, batch.usage);
    settle(waiting, batch);
  }
}

function settle(waiting: readonly Waiting[], batch: SettledBatch): void {
  const failureAt = new Map(batch.failures.map((failure) => [failure.index, failure.error]));
  const shares = tokenShares(waiting, batch.usage.inputTokens);
  let offset = 0;
  waiting.forEach((request, requestIndex) => {
    const start = offset;
    offset += request.texts.length;
    const failed = request.texts.findIndex((_text, position) => failureAt.has(start + position));
    if (failed >= 0) {
      request.reject(localized(failureAt.get(start + failed), failed));
      return;
    }
    request.resolve({
      vectors: batch.vectors.slice(start, offset) as number[][],
      inputTokens: shares[requestIndex]!,
    });
  });
}

// Bedrock counts tokens per call, not per text; a packed call's count is shared by characters.
function tokenShares(waiting: readonly Waiting[], inputTokens: number): number[] {
  if (waiting.length === 1) return [inputTokens];
  const lengths = waiting.map((request) => request.texts.reduce((sum, text) => sum + text.length, 0));
  const total = lengths.reduce((sum, length) => sum + length, 0) || 1;
  const shares = lengths.map((length) => Math.floor((inputTokens * length) / total));
  const remainder = inputTokens - shares.reduce((sum, share) => sum + share, 0);
  const largest = lengths.indexOf(Math.max(...lengths));
  shares[largest] = shares[largest]! + remainder;
  return shares;
}

function ownerOf(
  waiting: readonly Waiting[],
  index: number | undefined,
): { request: number; position: number } | undefined {
  if (index === undefined) return undefined;
  let offset = 0;
  for (let request = 0; request < waiting.length; request++) {
    const count = waiting[request]!.texts.length;
    if (index < offset + count) return { request, position: index - offset };
    offset += count;
  }
  return undefined;
}

function localized(error: unknown, position: number): unknown {
  return InputError.isInstance(error) ? error.withIndex(position) : error;
}
