import type { GetModelInvocationJobCommandOutput } from "@aws-sdk/client-bedrock";
import { JobError } from "@bedrock-embeddings/core";
import { type BatchJobStatus, FINAL_BATCH_STATUSES } from "./batch-types.js";

/**
 * GetModelInvocationJob's answer as a `BatchJobStatus` (the job id is the ARN's last segment).
 *
 * @example
 * toBatchStatus(output, jobArn).records.processed; // 120
 */
export function toBatchStatus(output: GetModelInvocationJobCommandOutput, jobArn: string): BatchJobStatus {
  const arn = output.jobArn ?? jobArn;
  return {
    jobArn: arn,
    jobId: arn.split("/").pop() ?? arn,
    jobName: output.jobName,
    modelId: output.modelId,
    status: output.status ?? "Submitted",
    message: output.message,
    inputS3Uri: output.inputDataConfig?.s3InputDataConfig?.s3Uri,
    outputS3Uri: output.outputDataConfig?.s3OutputDataConfig?.s3Uri,
    records: {
      total: output.totalRecordCount,
      processed: output.processedRecordCount,
      success: output.successRecordCount,
      error: output.errorRecordCount,
    },
    submitTime: output.submitTime,
    endTime: output.endTime,
  };
}

/**
 * Throws JobError unless the job reached a status with results: `failed` with the service's
 * message, or `not-finished` while it still runs.
 *
 * @example
 * checkFinished(status); // throws for "InProgress"
 */
export function checkFinished(status: BatchJobStatus): void {
  if (status.status === "Failed") {
    throw new JobError(`Batch job ${status.jobArn} failed: ${status.message ?? "no failure message"}`, {
      jobArn: status.jobArn,
      reason: "failed",
      status: status.status,
      failureMessage: status.message,
      fix: "Fix what the message names (role permissions, input format, locations) and submit again.",
    });
  }
  if (!FINAL_BATCH_STATUSES.includes(status.status)) {
    throw new JobError(`Batch job ${status.jobArn} is ${status.status}; it has no results yet.`, {
      jobArn: status.jobArn,
      reason: "not-finished",
      status: status.status,
      fix: "Wait for it (waitForBatchJob, or `batch status <jobArn>`), then fetch again.",
    });
  }
}
