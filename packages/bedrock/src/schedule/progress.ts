import type { BatchProgress, EmbeddingUsage } from "@bedrock-embeddings/core";

/**
 * Counts a batch's progress and reports it; a throwing listener never breaks the batch.
 *
 * @example
 * const tracker = new ProgressTracker(texts.length, onProgress);
 * tracker.finished(2, 0, callUsage);
 */
export class ProgressTracker {
  readonly #listener: ((progress: BatchProgress) => void) | undefined;
  readonly #progress: BatchProgress;

  constructor(total: number, listener: ((progress: BatchProgress) => void) | undefined) {
    this.#listener = listener;
    this.#progress = { done: 0, total, failed: 0, inputTokens: 0, calls: 0, retries: 0, throttles: 0 };
  }

  /** Reports the current state without a change (the start of a batch). */
  report(): void {
    if (!this.#listener) return;
    try {
      this.#listener({ ...this.#progress });
    } catch {
      // Observability hooks never break embedding.
    }
  }

  /** `inputs` more inputs finished, `failed` of them failed, after a call that used `usage`. */
  finished(inputs: number, failed: number, usage: EmbeddingUsage): void {
    const progress = this.#progress;
    progress.done += inputs;
    progress.failed += failed;
    progress.inputTokens += usage.inputTokens;
    progress.calls += usage.calls;
    progress.retries += usage.retries;
    progress.throttles += usage.throttles;
    if (usage.estimatedCostUsd !== undefined) {
      progress.estimatedCostUsd = (progress.estimatedCostUsd ?? 0) + usage.estimatedCostUsd;
    }
    this.report();
  }
}
