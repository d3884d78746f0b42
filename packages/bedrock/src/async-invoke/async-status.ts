import type { AsyncInvokeSummary, GetAsyncInvokeCommandOutput } from "@aws-sdk/client-bedrock-runtime";
import { ResponseError } from "@bedrock-embeddings/core";
import { joinS3Uri } from "../s3/s3-uri.js";
import type { AsyncInvocationStatus } from "./async-types.js";

/**
 * GetAsyncInvoke's answer (or a ListAsyncInvokes summary) as an `AsyncInvocationStatus`.
 *
 * @example
 * toAsyncStatus(output, arn).status; // "Completed"
 */
export function toAsyncStatus(
  output: GetAsyncInvokeCommandOutput | AsyncInvokeSummary,
  invocationArn: string,
): AsyncInvocationStatus {
  const outputConfig = output.outputDataConfig as { s3OutputDataConfig?: { s3Uri?: string } } | undefined;
  return {
    invocationArn: output.invocationArn ?? invocationArn,
    status: output.status ?? "InProgress",
    failureMessage: output.failureMessage,
    modelArn: output.modelArn,
    clientRequestToken: output.clientRequestToken,
    submitTime: output.submitTime,
    lastModifiedTime: output.lastModifiedTime,
    endTime: output.endTime,
    outputS3Uri: outputConfig?.s3OutputDataConfig?.s3Uri,
  };
}

/**
 * The model id inside a foundation-model ARN, else the ARN itself.
 *
 * @example
 * modelIdOf("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-2-multimodal-embeddings-v1:0"); // "amazon.nova-2-multimodal-embeddings-v1:0"
 */
export function modelIdOf(modelArn: string | undefined): string {
  if (!modelArn) return "unknown model";
  return /:foundation-model\/(.+)$/.exec(modelArn)?.[1] ?? modelArn;
}

/**
 * The invocation's output folder. GetAsyncInvoke reports either the requested URI or that URI
 * plus `/<invocationId>` (both are seen in the wild); results live in the latter.
 *
 * @example
 * invocationFolder({ invocationArn: "arn:...:async-invoke/abc123def456", outputS3Uri: "s3://b/out" }, id);
 * // "s3://b/out/abc123def456"
 */
export function invocationFolder(
  status: Pick<AsyncInvocationStatus, "invocationArn" | "outputS3Uri">,
  modelId: string,
): string {
  if (!status.outputS3Uri) {
    throw new ResponseError(`GetAsyncInvoke reports no output location for ${status.invocationArn}.`, {
      modelId,
    });
  }
  const invocationId = status.invocationArn.split("/").pop() ?? "";
  const reported = status.outputS3Uri.replace(/\/+$/, "");
  return invocationId && !reported.endsWith(`/${invocationId}`)
    ? joinS3Uri(reported, invocationId)
    : reported;
}
