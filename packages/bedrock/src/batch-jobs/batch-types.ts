import type { EmbeddingUsage, MemoryAction } from "@bedrock-embeddings/core";
import type { CostEstimate } from "../pricing/estimate-cost.js";
import type { BatchRecordFailure } from "./batch-output.js";

/**
 * Per-submission options.
 *
 * @example
 * await jobs.submitBatchJob(texts, { jobName: "docs-2025-01", memoryAction: "add" });
 */
export interface SubmitBatchJobOptions {
  /** Job name (letters, digits, hyphens); generated from the time when not given. */
  jobName?: string;
  /** Picks the asymmetric mode as for on-demand calls; documents (`add`) by default. */
  memoryAction?: MemoryAction;
  /** Idempotency token for CreateModelInvocationJob; generated when not given. */
  clientRequestToken?: string;
}

/**
 * What `submitBatchJob` did: created a batch job, or (below the minimum record count, when
 * allowed) embedded on demand and returned the vectors at once.
 *
 * @example
 * const submission = await jobs.submitBatchJob(texts);
 * if (submission.mode === "batch-job") save(submission.jobArn); else use(submission.vectors);
 */
export type BatchSubmission =
  | {
      mode: "batch-job";
      jobArn: string;
      jobName: string;
      recordCount: number;
      /** The records file written. */
      inputS3Uri: string;
      outputS3Uri: string;
    }
  | {
      mode: "on-demand";
      /** Why no job was created, e.g. "3 records are below the minimum of 100 per batch job". */
      reason: string;
      recordCount: number;
      vectors: number[][];
      usage: EmbeddingUsage;
    };

/**
 * Record counters of a batch job, as GetModelInvocationJob reports them (undefined until known).
 *
 * @example
 * const { total, processed } = status.records;
 */
export interface BatchRecordCounts {
  total: number | undefined;
  processed: number | undefined;
  success: number | undefined;
  error: number | undefined;
}

/**
 * A batch job's status (GetModelInvocationJob).
 *
 * @example
 * const { status, message, records } = await jobs.getBatchJobStatus(jobArn); // "InProgress"
 */
export interface BatchJobStatus {
  jobArn: string;
  jobId: string;
  jobName: string | undefined;
  modelId: string | undefined;
  /** Submitted, Validating, Scheduled, InProgress, Completed, PartiallyCompleted, Failed, Stopping, Stopped or Expired. */
  status: string;
  message: string | undefined;
  inputS3Uri: string | undefined;
  outputS3Uri: string | undefined;
  records: BatchRecordCounts;
  submitTime: Date | undefined;
  endTime: Date | undefined;
}

/**
 * The results of a finished batch job, in input order.
 *
 * @example
 * const { vectors, failures } = await jobs.fetchBatchJobResults(jobArn);
 * failures.forEach(({ index, errorMessage }) => retry(texts[index], errorMessage));
 */
export interface BatchJobResults {
  jobArn: string;
  status: string;
  modelId: string;
  /** One entry per input record; undefined where `failures` has its index. */
  vectors: (number[] | undefined)[];
  failures: BatchRecordFailure[];
  /** Input tokens (from the job's manifest, else summed over records) and record counts. */
  usage: { inputTokens: number; records: number; succeeded: number; failed: number };
  /** Batch-priced estimate from the dated price table; undefined for models it has no price for. */
  estimatedCost: CostEstimate | undefined;
  /** Output lines whose recordId matched no input record. */
  unmatchedRecords: number;
  /** The output files read. */
  outputFiles: string[];
}

/** Statuses after which a batch job changes no more. */
export const FINAL_BATCH_STATUSES: readonly string[] = Object.freeze([
  "Completed",
  "PartiallyCompleted",
  "Failed",
  "Stopped",
  "Expired",
]);
