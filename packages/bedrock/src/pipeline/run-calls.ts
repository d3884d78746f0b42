import { setMaxListeners } from "node:events";
import {
  addUsage,
  type BatchFailure,
  type BatchProgress,
  BedrockApiError,
  type EmbeddingResult,
  type EmbeddingType,
  type EmbeddingUsage,
  emptyUsage,
  type InputModality,
} from "@bedrock-embeddings/core";
import { guardRun } from "../call/run-guard.js";
import type { CallKind } from "../call/timeouts.js";
import type { RequestSettings, WireInput } from "../families/model-family.js";
import { ProgressTracker } from "../schedule/progress.js";
import type { CallContext, CallResult } from "./call-context.js";
import { dedupeInputs } from "./dedupe-inputs.js";
import { embedCall } from "./embed-call.js";
import { inputTokens, planCalls } from "./plan-calls.js";
import { callCostEstimatorFor } from "./price-call.js";

/**
 * Extras of one run: the caller's abort signal and progress listener.
 *
 * @example
 * await runCalls(context, inputs, request, { signal, onProgress: (progress) => draw(progress) });
 */
export interface RunOptions {
  /** Stops starting calls, cancels the ones in flight, and ends the run with what is done. */
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: BatchProgress) => void) | undefined;
}

/**
 * What every call of a run sends: the request settings of each modality's calls (Nova and
 * Cohere pick the input type by modality), the encodings asked for, and a token budget per call.
 *
 * @example
 * const request: RunRequest = { settingsFor: () => settings, types: ["float"], tokensPerCall: undefined };
 */
export interface RunRequest {
  settingsFor(modality: InputModality): RequestSettings;
  types: readonly EmbeddingType[];
  /** Estimated input tokens one call may carry (from a tokens-per-minute budget). */
  tokensPerCall: number | undefined;
}

/**
 * How a run ended: a result or a failure for every index, the run's usage, and whether it was
 * cut short by an error that dooms every call, by its guard, or by the caller's signal.
 *
 * @example
 * const run = await runCalls(context, inputs, request);
 * run.results[3]; // undefined when input 3 failed
 */
export interface PipelineRun {
  results: (EmbeddingResult | undefined)[];
  failures: BatchFailure[];
  /** Set when a call failed with an error that fails every call (auth, access, bad model id). */
  fatal: BedrockApiError | undefined;
  /**
   * Set (to the same error as `fatal`) when the run guard stopped the run: the endpoint refused
   * every connection, or did not answer within the stall deadline. Results done are kept.
   */
  stopped?: BedrockApiError | undefined;
  usage: EmbeddingUsage;
  /** Set when the caller's signal ended the run. */
  aborted: { reason: unknown } | undefined;
}

/**
 * The run with the inputs that failed their checks before sending (under `settle`) among its
 * failures, in index order.
 *
 * @example
 * return withCheckFailures(await runCalls(context, prepared, call), failures);
 */
export function withCheckFailures(run: PipelineRun, failures: readonly BatchFailure[]): PipelineRun {
  if (failures.length === 0) return run;
  run.failures = [...failures, ...run.failures].sort((left, right) => left.index - right.index);
  return run;
}

/** Client errors about the content of a call: with several inputs, only some may be at fault. */
const ISOLATABLE_ERRORS = new Set(["ValidationException", "ModelErrorException"]);

/**
 * Embeds prepared inputs of any modality through the embedder's call path: identical inputs are
 * sent once and fanned back out; the rest is grouped by modality and packed into as few calls as
 * the model allows; every call runs at once, gated by the embedder's scheduler (which paces and
 * bounds them). A packed call the service rejects for its content is split in halves until the
 * offending input is alone, so one bad input fails only itself. `undefined` entries are inputs
 * that already failed (counted as done).
 *
 * @example
 * const run = await runCalls(context, [text("a"), text("b"), text("a")], request);
 * // two texts sent in one call; run.results[2] is run.results[0]
 */
export async function runCalls(
  context: CallContext,
  inputs: readonly (WireInput | undefined)[],
  request: RunRequest,
  options: RunOptions = {},
): Promise<PipelineRun> {
  const { signal } = options;
  signal?.throwIfAborted();
  const total = inputs.length;
  const presentIndexes: number[] = [];
  const present: WireInput[] = [];
  for (let index = 0; index < total; index++) {
    const input = inputs[index];
    if (input === undefined) continue;
    presentIndexes.push(index);
    present.push(input);
  }
  const { unique, positions } = dedupeInputs(present);
  if (present.length < total) {
    for (const indexes of positions) {
      for (let offset = 0; offset < indexes.length; offset++)
        indexes[offset] = presentIndexes[indexes[offset]!]!;
    }
  }
  const plan = planCalls(unique, context.family, request.tokensPerCall);
  const results: (EmbeddingResult | undefined)[] = new Array(total).fill(undefined);
  const failures: BatchFailure[] = [];
  const usage = emptyUsage();
  const tracker = new ProgressTracker(total, options.onProgress);
  tracker.finished(total - present.length, total - present.length, emptyUsage());

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
  const kinds = [...new Set(plan.map((call): CallKind => (call.modality === "text" ? "text" : "media")))];
  const guard = guardRun(context, kinds, (error) => {
    fatal ??= error;
    onDoomed(error);
  });

  const runCall = async (modality: InputModality, ids: readonly number[]): Promise<void> => {
    const representatives = ids.map((id) => positions[id]![0]!);
    const callInputs = ids.map((id) => unique[id]!);
    let tokens = 0;
    for (const input of callInputs) tokens += inputTokens(input);
    const priced =
      modality === "text"
        ? context
        : { ...context, estimateCost: callCostEstimatorFor(context, modality, ids.length) };
    const result = await embedCall(
      priced,
      callInputs,
      representatives,
      request.settingsFor(modality),
      request.types,
      {
        signal: batch.signal,
        tokens,
        onDoomed,
        guard,
        kind: modality === "text" ? "text" : "media",
      },
    );
    addUsage(usage, result.usage);
    if (result.fatal && !fatal) {
      fatal = result.fatal;
      onDoomed(fatal);
    }
    if (ids.length > 1 && !batch.signal.aborted && isolatable(result)) {
      tracker.finished(0, 0, result.usage);
      const middle = Math.ceil(ids.length / 2);
      await Promise.all([runCall(modality, ids.slice(0, middle)), runCall(modality, ids.slice(middle))]);
      return;
    }
    let done = 0;
    let failed = 0;
    ids.forEach((id, offset) => {
      const value = result.values[offset];
      for (const index of positions[id]!) {
        results[index] = value;
        done++;
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
    tracker.finished(done, failed, result.usage);
  };

  try {
    await Promise.all(plan.map((call) => runCall(call.modality, call.indexes)));
  } finally {
    guard.close();
    signal?.removeEventListener("abort", forward);
  }
  failures.sort((left, right) => left.index - right.index);
  return {
    results,
    failures,
    fatal,
    stopped: guard.stopped !== undefined && guard.stopped === fatal ? fatal : undefined,
    usage,
    aborted: signal?.aborted ? { reason: signal.reason } : undefined,
  };
}

/** Every input of the call failed with the same content error, so splitting can find the culprit. */
function isolatable(result: CallResult<EmbeddingResult>): boolean {
  const [first] = result.failures;
  if (!first || result.fatal || result.failures.length !== result.values.length) return false;
  const error = first.error;
  return (
    BedrockApiError.isInstance(error) &&
    ISOLATABLE_ERRORS.has(error.awsErrorName) &&
    result.failures.every((failure) => failure.error === error)
  );
}
