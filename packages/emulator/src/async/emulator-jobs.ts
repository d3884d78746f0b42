import type { BatchJob } from "../control-plane/batch-job-types.js";
import { validationError } from "../protocol/aws-service-error.js";
import type { EmulatorS3Options } from "../s3/s3-object-store.js";
import { S3ObjectStore } from "../s3/s3-object-store.js";
import type { AsyncInvocation } from "./async-invocation.js";
import { JobScheduler } from "./job-scheduler.js";

/** The `startEmulator` options that concern async invocations and batch jobs. */
export interface JobOptions {
  s3?: EmulatorS3Options;
  asyncJobDelayMs?: number;
  batchMinimumRecords?: number;
}

/** State and settings for StartAsyncInvoke and the batch-job control plane, shared by their routes. */
export class EmulatorJobs {
  readonly s3: S3ObjectStore | undefined;
  readonly scheduler = new JobScheduler();
  readonly delayMs: number;
  readonly batchMinimumRecords: number;
  /** When the emulator started: the creation time of every inference profile it describes. */
  readonly startedAt = new Date();
  /** Async invocations by ARN, and by clientRequestToken for idempotency. */
  readonly invocations = new Map<string, AsyncInvocation>();
  readonly invocationsByToken = new Map<string, AsyncInvocation>();
  /** Batch jobs by ARN, and by clientRequestToken for idempotency. */
  readonly batchJobs = new Map<string, BatchJob>();
  readonly batchJobsByToken = new Map<string, BatchJob>();

  constructor(options: JobOptions = {}) {
    this.s3 = options.s3 ? new S3ObjectStore(options.s3) : undefined;
    this.delayMs = nonNegative(options.asyncJobDelayMs ?? 200, "asyncJobDelayMs");
    this.batchMinimumRecords = nonNegative(options.batchMinimumRecords ?? 100, "batchMinimumRecords");
  }

  /** The S3 store, or the ValidationException a job API answers when the emulator has none configured. */
  requireS3(operation: string): S3ObjectStore {
    if (!this.s3) {
      throw validationError(
        `The Bedrock emulator needs the \`s3\` option (an S3-compatible endpoint) to run ${operation}.`,
      );
    }
    return this.s3;
  }

  async close(): Promise<void> {
    await this.scheduler.close();
    this.s3?.close();
  }
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative number, got ${value}`);
  return value;
}
