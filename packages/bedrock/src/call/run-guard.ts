import {
  BedrockApiError,
  BedrockEmbeddingsError,
  classifyError,
  type Unreachable,
} from "@bedrock-embeddings/core";
import type { CallContext } from "../pipeline/call-context.js";
import { UNREACHABLE_FIX } from "./api-error.js";
import { attemptTimeoutMs, type CallKind, stallTimeoutMs } from "./timeouts.js";

/**
 * Attempts in a row that found nothing listening (refused, unknown host, no route), with no
 * answer in between, after which a run stops: a down endpoint stays down, and retrying each of
 * thousands of calls only delays the one error that matters.
 */
export const UNREACHABLE_ATTEMPTS_TO_STOP = 3;

/**
 * When the embedder's endpoint last answered (any HTTP response), shared by its overlapping
 * runs: a run queued behind another one is not stalled while that one hears back.
 *
 * @example
 * const answers: AnswerClock = { lastAnswerAt: undefined };
 */
export interface AnswerClock {
  /** `performance.now()` of the last answer. */
  lastAnswerAt: number | undefined;
}

/**
 * What a guard needs: names for its errors, its deadline, and who to tell when it stops the run.
 *
 * @example
 * new RunGuard({ modelId, endpoint: "127.0.0.1:4010", stallTimeoutMs: 180_000, attemptTimeoutMs: 60_000, answers, onStop });
 */
export interface RunGuardSettings {
  modelId: string;
  /** `host:port` of the endpoint, for the messages. */
  endpoint: string;
  stallTimeoutMs: number;
  attemptTimeoutMs: number;
  answers: AnswerClock;
  /** Called once, when the guard stops the run; the run should then cancel its calls. */
  onStop: (error: BedrockApiError) => void;
}

/**
 * Ends one run (`embed`, `embedBatch`, `embedInputs`) that cannot succeed, with one error instead
 * of a failure per call: when attempts keep finding nothing listening (a circuit breaker), or when
 * the endpoint has not answered for `stallTimeoutMs` (a deadline that restarts at every answer,
 * so a long run that keeps hearing back is never cut). Transient faults (a reset mid-response, a
 * throttle, one timed-out attempt) are left to the retry layer.
 *
 * @example
 * const guard = new RunGuard(settings);
 * try { await guard.attempt(() => invokeModel(client, id, body, timeoutMs, signal)); } finally { guard.close(); }
 */
export class RunGuard {
  readonly #settings: RunGuardSettings;
  readonly #startedAt = performance.now();
  #unreachableInARow = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped: BedrockApiError | undefined;

  constructor(settings: RunGuardSettings) {
    this.#settings = settings;
    this.#arm(settings.stallTimeoutMs);
  }

  /** The error the run was stopped with, once it was. */
  get stopped(): BedrockApiError | undefined {
    return this.#stopped;
  }

  /**
   * Runs one attempt and learns from how it ended. The attempt that trips the breaker fails with
   * the guard's error (a library error, so it is not retried); every other error passes through.
   */
  async attempt<T>(send: () => Promise<T>): Promise<T> {
    try {
      const value = await send();
      this.#answered();
      return value;
    } catch (error) {
      throw this.#judge(error);
    }
  }

  /** Stops the deadline; call when the run ends. */
  close(): void {
    clearTimeout(this.#timer);
  }

  #judge(error: unknown): unknown {
    if (this.#stopped) return error;
    // The library's own errors (an unreadable body) still came with a response.
    if (BedrockEmbeddingsError.isInstance(error)) {
      this.#answered();
      return error;
    }
    const classification = classifyError(error);
    if (classification.httpStatus !== undefined) {
      this.#answered();
      return error;
    }
    if (!classification.unreachable) return error;
    this.#unreachableInARow++;
    if (this.#unreachableInARow < UNREACHABLE_ATTEMPTS_TO_STOP) return error;
    this.#stop(this.#unreachableError(classification.unreachable, error));
    return this.#stopped;
  }

  #answered(): void {
    this.#unreachableInARow = 0;
    this.#settings.answers.lastAnswerAt = performance.now();
  }

  #arm(ms: number): void {
    this.#timer = setTimeout(() => this.#checkStall(), ms);
  }

  #checkStall(): void {
    if (this.#stopped) return;
    const since = Math.max(this.#startedAt, this.#settings.answers.lastAnswerAt ?? this.#startedAt);
    const left = this.#settings.stallTimeoutMs - (performance.now() - since);
    if (left > 0) this.#arm(left);
    else this.#stop(this.#stallError());
  }

  #stop(error: BedrockApiError): void {
    this.#stopped = error;
    this.close();
    this.#settings.onStop(error);
  }

  #unreachableError(unreachable: Unreachable, cause: unknown): BedrockApiError {
    const address = unreachable.address ?? this.#settings.endpoint;
    return new BedrockApiError(
      `Nothing answers at ${address} (${unreachable.code} on ${UNREACHABLE_ATTEMPTS_TO_STOP} attempts in a row for model ${this.#settings.modelId}): the endpoint looks down, so the run stopped instead of retrying every call.`,
      {
        awsErrorName: unreachable.code,
        httpStatus: undefined,
        requestId: undefined,
        modelId: this.#settings.modelId,
        retryable: false,
        attempts: UNREACHABLE_ATTEMPTS_TO_STOP,
        cause,
        fix: UNREACHABLE_FIX,
      },
    );
  }

  #stallError(): BedrockApiError {
    const { endpoint, modelId, stallTimeoutMs, attemptTimeoutMs } = this.#settings;
    return new BedrockApiError(
      `No answer from ${endpoint} for model ${modelId} in ${seconds(stallTimeoutMs)} (each attempt gives up after ${seconds(attemptTimeoutMs)} and is retried): the run stopped.`,
      {
        awsErrorName: "TimeoutError",
        httpStatus: undefined,
        requestId: undefined,
        modelId,
        retryable: true,
        fix: `Check that ${endpoint} is a running Bedrock Runtime endpoint (or the emulator) and reachable; if calls are just slow, raise request_timeout_ms and stall_timeout_ms (requestTimeoutMs, stallTimeoutMs in code).`,
      },
    );
  }
}

/**
 * The guard of one run through `context`, whose calls are of `kinds`: its deadline is
 * `stallTimeoutMs` or three attempt timeouts of the slowest kind.
 *
 * @example
 * const guard = guardRun(context, ["text"], (error) => stopEverything(error));
 */
export function guardRun(
  context: CallContext,
  kinds: readonly CallKind[],
  onStop: (error: BedrockApiError) => void,
): RunGuard {
  const slowest = kinds.includes("media") ? "media" : "text";
  return new RunGuard({
    modelId: context.modelId,
    endpoint: context.endpoint ?? "the Bedrock endpoint",
    stallTimeoutMs: stallTimeoutMs(kinds, context),
    attemptTimeoutMs: attemptTimeoutMs(slowest, context.requestTimeoutMs),
    answers: context.answers ?? { lastAnswerAt: undefined },
    onStop,
  });
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
