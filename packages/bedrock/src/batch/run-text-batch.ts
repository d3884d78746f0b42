import { setMaxListeners } from "node:events";
import {
  addUsage,
  type BatchFailure,
  BedrockApiError,
  type EmbeddingUsage,
  emptyUsage,
} from "@bedrock-embeddings/core";
import { type CallContext, type CallResult, embedCall } from "../call/embed-call.js";
import { guardRun } from "../call/run-guard.js";
import type { RequestSettings } from "../families/model-family.js";
import { dedupeTexts } from "../schedule/dedupe.js";
import { type BatchProgress, ProgressTracker } from "../schedule/progress.js";
import { estimateTokens, type PackingLimits, packCalls } from "./plan-calls.js";

/**
 * Extras of one text batch.
 *
 * @example
 * await runTextBatch(context, texts, settings, limits, { signal, onProgress: (progress) => draw(progress) });
 */
export interface TextBatchOptions {
  /** Stops starting calls, cancels the ones in flight, and ends the batch with what is done. */
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: BatchProgress) => void) | undefined;
}

/**
 * How a text batch ended: a vector or a failure for every index, the batch's usage, and whether
 * it was cut short by an error that dooms every call or by the caller's signal.
 *
 * @example
 * const run = await runTextBatch(context, texts, settings, limits);
 * run.vectors[3]; // undefined when input 3 failed
 */
export interface TextBatchRun {
  vectors: (number[] | undefined)[];
  failures: BatchFailure[];
  /** Set when a call failed with an error that fails every call (auth, access, bad model id). */
  fatal: BedrockApiError | undefined;
  /**
   * Set (to the same error as `fatal`) when the run guard stopped the run: the endpoint refused
   * every connection, or did not answer within the stall deadline. Vectors done are kept.
   */
  stopped?: BedrockApiError | undefined;
  usage: EmbeddingUsage;
  /** Set when the caller's signal ended the batch. */
  aborted: { reason: unknown } | undefined;
}

/** Client errors about the content of a call: with several texts, only some may be at fault. */
const ISOLATABLE_ERRORS = new Set(["ValidationException", "ModelErrorException"]);

/**
 * Embeds a batch of prepared texts through the embedder's call path: identical texts are sent
 * once and fanned back out; the rest is packed into as few calls as the model allows; every call
 * runs at once, gated by the embedder's scheduler (which paces and bounds them). A packed call the
 * service rejects for its content is split in halves until the offending text is alone, so one bad
 * text fails only itself. `undefined` entries are inputs that already failed (counted as done).
 *
 * @example
 * const run = await runTextBatch(context, ["a", "b", "a"], settings, { textsPerCall: 96 });
 * // two texts sent in one call; run.vectors[2] is run.vectors[0]
 */
export async function runTextBatch(
  context: CallContext,
  texts: readonly (string | undefined)[],
  settings: RequestSettings,
  packing: PackingLimits,
  options: TextBatchOptions = {},
): Promise<TextBatchRun> {
  const { signal } = options;
  signal?.throwIfAborted();
  const present = texts.flatMap((text, index) => (text === undefined ? [] : [{ text, index }]));
  const { unique, positions: local } = dedupeTexts(present.map((entry) => entry.text));
  const positions = local.map((indexes) => indexes.map((position) => present[position]!.index));
  const vectors: (number[] | undefined)[] = new Array(texts.length).fill(undefined);
  const failures: BatchFailure[] = [];
  const usage = emptyUsage();
  const tracker = new ProgressTracker(texts.length, options.onProgress);
  tracker.finished(texts.length - present.length, texts.length - present.length, emptyUsage());

  // One signal of our own, linked once to the caller's: every wait, backoff and request listens
  // to it (hence no listener limit), and a call that dooms the batch can stop the rest with it.
  const batch = new AbortController();
  setMaxListeners(0, batch.signal);
  const forward = () => batch.abort(signal?.reason);
  signal?.addEventListener("abort", forward, { once: true });
  let fatal: BedrockApiError | undefined;
  // Why calls stopped when one failed in a way that fails them all; they fail with the doom itself.
  const doomed = new Error("Stopped: another call of this batch failed in a way that fails every call.");
  const onDoomed = (cause: unknown) => {
    if (batch.signal.aborted) return;
    doomed.cause = cause;
    batch.abort(doomed);
  };
  const guard = guardRun(context, ["text"], (error) => {
    fatal ??= error;
    onDoomed(error);
  });

  const runCall = async (ids: readonly number[]): Promise<void> => {
    const representatives = ids.map((id) => positions[id]![0]!);
    const callTexts = ids.map((id) => unique[id]!);
    const tokens = callTexts.reduce((sum, text) => sum + estimateTokens(text), 0);
    const result = await embedCall(context, callTexts, representatives, settings, {
      signal: batch.signal,
      tokens,
      onDoomed,
      guard,
    });
    addUsage(usage, result.usage);
    if (result.fatal && !fatal) {
      fatal = result.fatal;
      onDoomed(fatal);
    }
    if (ids.length > 1 && !batch.signal.aborted && isolatable(result)) {
      tracker.finished(0, 0, result.usage);
      const middle = Math.ceil(ids.length / 2);
      await Promise.all([runCall(ids.slice(0, middle)), runCall(ids.slice(middle))]);
      return;
    }
    let inputs = 0;
    let failed = 0;
    ids.forEach((id, offset) => {
      const vector = result.vectors[offset];
      for (const index of positions[id]!) {
        vectors[index] = vector;
        inputs++;
      }
    });
    for (const failure of result.failures) {
      // Stopped by another call's doom: left for the batch's verdict, not a failure of its own.
      if (failure.error === doomed) continue;
      const id = ids[representatives.indexOf(failure.index)];
      for (const index of id === undefined ? [failure.index] : positions[id]!) {
        failures.push({ index, error: failure.error });
        failed++;
      }
    }
    tracker.finished(inputs, failed, result.usage);
  };

  try {
    const plan = packCalls(unique, packing);
    await Promise.all(plan.map((call) => runCall(call.indexes)));
  } finally {
    guard.close();
    signal?.removeEventListener("abort", forward);
  }
  failures.sort((left, right) => left.index - right.index);
  return {
    vectors,
    failures,
    fatal,
    stopped: guard.stopped !== undefined && guard.stopped === fatal ? fatal : undefined,
    usage,
    aborted: signal?.aborted ? { reason: signal.reason } : undefined,
  };
}

/** Every text of the call failed with the same content error, so splitting can find the culprit. */
function isolatable(result: CallResult): boolean {
  const [first] = result.failures;
  if (!first || result.fatal || result.failures.length !== result.vectors.length) return false;
  const error = first.error;
  return (
    BedrockApiError.isInstance(error) &&
    ISOLATABLE_ERRORS.has(error.awsErrorName) &&
    result.failures.every((failure) => failure.error === error)
  );
}
