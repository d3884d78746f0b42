import { type BaseErrorOptions, BedrockEmbeddingsError, errorCodeOf } from "./base-error.js";

/**
 * Why a long-running Bedrock job (async invocation or batch inference job) gave no result:
 * - `failed`: the service reports the job failed; `failureMessage` says why.
 * - `timed-out`: waiting gave up; the job itself keeps running and can be fetched later.
 * - `aborted`: the caller's AbortSignal fired while waiting; the job keeps running.
 * - `not-finished`: results were asked for a job that is still running.
 * - `stopped` / `expired`: the job was stopped or ran out of time before writing results.
 *
 * @example
 * const reason: JobErrorReason = "timed-out";
 */
export type JobErrorReason = "failed" | "timed-out" | "aborted" | "not-finished" | "stopped" | "expired";

export interface JobErrorOptions extends BaseErrorOptions {
  /** The invocation ARN or batch job ARN: pass it again later to resume. */
  jobArn: string;
  reason: JobErrorReason;
  /** The status the service last reported, e.g. `Failed` or `InProgress`. */
  status?: string | undefined;
  /** The service's own explanation for a failed job. */
  failureMessage?: string | undefined;
}

/**
 * An async invocation or batch inference job failed, or waiting for it ended without a result.
 * Keeps the job's ARN, so the caller can fetch results later instead of starting again.
 *
 * @example
 * catch (error) {
 *   if (JobError.isInstance(error) && error.reason === "timed-out") saveForLater(error.jobArn);
 * }
 */
export class JobError extends BedrockEmbeddingsError {
  readonly jobArn: string;
  readonly reason: JobErrorReason;
  readonly status: string | undefined;
  readonly failureMessage: string | undefined;

  constructor(problem: string, options: JobErrorOptions) {
    super("JOB", problem, options);
    this.jobArn = options.jobArn;
    this.reason = options.reason;
    this.status = options.status;
    this.failureMessage = options.failureMessage;
  }

  static override isInstance(value: unknown): value is JobError {
    return errorCodeOf(value) === "JOB";
  }
}
