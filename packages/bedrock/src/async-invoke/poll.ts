import { setTimeout as delay } from "node:timers/promises";
import { JobError } from "@bedrock-embeddings/core";

/**
 * How to wait for a job: the first pause between polls, growing by `backoffFactor` up to
 * `maxPollIntervalMs`, for at most `timeoutMs` in all; `signal` stops waiting early.
 *
 * @example
 * const options: PollOptions = { pollIntervalMs: 2_000, maxPollIntervalMs: 30_000, timeoutMs: 600_000, signal };
 */
export interface PollOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  pollIntervalMs?: number | undefined;
  maxPollIntervalMs?: number | undefined;
  backoffFactor?: number | undefined;
}

/**
 * Time, injectable so tests run on a fake clock. `sleep` must reject when `signal` aborts.
 *
 * @example
 * const clock: PollClock = { now: () => Date.now(), sleep: (ms, signal) => delay(ms, undefined, { signal }) };
 */
export interface PollClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
}

/**
 * What one poll saw, given to `onPoll`.
 *
 * @example
 * const progress: PollProgress<string> = { status: "InProgress", attempt: 3, elapsedMs: 7_000, nextPollInMs: 4_000 };
 */
export interface PollProgress<Status> {
  status: Status;
  /** One-based count of status checks so far. */
  attempt: number;
  elapsedMs: number;
  /** The pause before the next check; undefined once the job is done. */
  nextPollInMs: number | undefined;
}

export const DEFAULT_POLL_INTERVAL_MS = 5_000;
export const DEFAULT_MAX_POLL_INTERVAL_MS = 60_000;
export const DEFAULT_POLL_TIMEOUT_MS = 3_600_000;
const DEFAULT_BACKOFF_FACTOR = 1.5;

/** The real clock: `Date.now` and an abortable timer. */
export const realClock: PollClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : {}),
};

/** What `pollUntilDone` polls and how it names the job in errors. */
export interface PollTarget<Status> {
  jobArn: string;
  /** E.g. "Async invocation" or "Batch job". */
  jobLabel: string;
  /** How to pick the job up later, for the timeout and abort messages. */
  resumeHint: string;
  check(signal: AbortSignal | undefined): Promise<Status>;
  isDone(status: Status): boolean;
  statusName(status: Status): string;
  onPoll?: ((progress: PollProgress<Status>) => void) | undefined;
}

/**
 * Checks the job until `isDone`, pausing with exponential backoff between checks. Throws
 * JobError `timed-out` when `timeoutMs` passes (the last check lands on the deadline) and
 * `aborted` when the signal fires; the job itself keeps running either way.
 *
 * @example
 * const final = await pollUntilDone(target, { pollIntervalMs: 1_000, timeoutMs: 60_000 }, realClock);
 */
export async function pollUntilDone<Status>(
  target: PollTarget<Status>,
  options: PollOptions,
  clock: PollClock,
): Promise<Status> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_POLL_TIMEOUT_MS;
  const maxIntervalMs = options.maxPollIntervalMs ?? DEFAULT_MAX_POLL_INTERVAL_MS;
  const factor = options.backoffFactor ?? DEFAULT_BACKOFF_FACTOR;
  let intervalMs = Math.min(options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, maxIntervalMs);
  const { signal } = options;
  const started = clock.now();
  let lastStatus: string | undefined;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(target, signal, lastStatus);
    let status: Status;
    try {
      status = await target.check(signal);
    } catch (error) {
      throwIfAborted(target, signal, lastStatus, error);
      throw error;
    }
    lastStatus = target.statusName(status);
    const elapsedMs = clock.now() - started;
    const done = target.isDone(status);
    const remainingMs = timeoutMs - elapsedMs;
    const nextPollInMs = done || remainingMs <= 0 ? undefined : Math.min(intervalMs, remainingMs);
    target.onPoll?.({ status, attempt, elapsedMs, nextPollInMs });
    if (done) return status;
    if (nextPollInMs === undefined) {
      throw new JobError(
        `${target.jobLabel} ${target.jobArn} is still ${lastStatus} after waiting ${elapsedMs} ms (timeout ${timeoutMs} ms).`,
        {
          jobArn: target.jobArn,
          reason: "timed-out",
          status: lastStatus,
          fix: `The job keeps running: ${target.resumeHint}, or raise timeout_ms in the config's async or batch section (timeoutMs in code).`,
        },
      );
    }
    try {
      await clock.sleep(nextPollInMs, signal);
    } catch (error) {
      throwIfAborted(target, signal, lastStatus, error);
      throw error;
    }
    intervalMs = Math.min(maxIntervalMs, intervalMs * factor);
  }
}

function throwIfAborted(
  target: Pick<PollTarget<unknown>, "jobArn" | "jobLabel" | "resumeHint">,
  signal: AbortSignal | undefined,
  status: string | undefined,
  error?: unknown,
): void {
  if (!signal?.aborted) return;
  throw new JobError(`Stopped waiting for ${target.jobLabel.toLowerCase()} ${target.jobArn}: aborted.`, {
    jobArn: target.jobArn,
    reason: "aborted",
    status,
    cause: signal.reason ?? error,
    fix: `The job keeps running: ${target.resumeHint}.`,
  });
}
