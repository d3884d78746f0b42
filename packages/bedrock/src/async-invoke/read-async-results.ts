import { JobError, ResponseError } from "@bedrock-embeddings/core";
import { MARENGO_RESULT_FILE, readMarengoOutput } from "../families/marengo/async-output.js";
import { NOVA_RESULT_FILE, readNovaOutput } from "../families/nova-multimodal/async-output.js";
import type { ObjectStore } from "../s3/object-store.js";
import { joinS3Uri } from "../s3/s3-uri.js";
import { type AsyncFamily, familyOfId } from "./async-model.js";
import { invocationFolder, modelIdOf } from "./async-status.js";
import type { AsyncEmbeddingResult, AsyncInvocationStatus } from "./async-types.js";

/**
 * The results of an invocation, from its status and its output folder in S3. A Failed
 * invocation is a JobError carrying the service's failureMessage; any status but Completed is
 * a JobError `not-finished`. `fallbackFamily` is used when the model ARN names no known model
 * and the files do not tell Marengo versions apart.
 *
 * @example
 * const result = await readAsyncResults(store, status, true, undefined);
 */
export async function readAsyncResults(
  store: ObjectStore,
  status: AsyncInvocationStatus,
  normalize: boolean,
  fallbackFamily: string | undefined,
): Promise<AsyncEmbeddingResult> {
  const arn = status.invocationArn;
  if (status.status === "Failed") {
    throw new JobError(`Async invocation ${arn} failed: ${status.failureMessage ?? "no failure message"}`, {
      jobArn: arn,
      reason: "failed",
      status: status.status,
      failureMessage: status.failureMessage,
      fix: "Fix what the message names (input location, format, permissions) and start a new invocation.",
    });
  }
  if (status.status !== "Completed") {
    throw new JobError(`Async invocation ${arn} is ${status.status}; it has no results yet.`, {
      jobArn: arn,
      reason: "not-finished",
      status: status.status,
      fix: "Wait for it with waitForAsyncEmbedding(invocationArn), then fetch again.",
    });
  }
  const modelId = modelIdOf(status.modelArn);
  const folder = invocationFolder(status, modelId);
  const family =
    familyOfId(status.modelArn ?? "")?.family ?? (await guessFamily(store, folder, fallbackFamily));
  const read =
    family === "nova"
      ? await readNovaOutput(store, folder, modelId, normalize)
      : await readMarengoOutput(store, folder, modelId, family === "marengo-2.7" ? 1024 : 512, normalize);
  return {
    invocationArn: arn,
    status: status.status,
    modelId,
    outputS3Uri: folder,
    dimension: read.dimension,
    segments: read.segments,
    failures: read.failures,
  };
}

// A model ARN the catalog does not know (e.g. a provisioned model): tell by the files written.
async function guessFamily(
  store: ObjectStore,
  folder: string,
  fallbackFamily: string | undefined,
): Promise<AsyncFamily> {
  if ((await store.readTextIfExists(joinS3Uri(folder, NOVA_RESULT_FILE))) !== undefined) return "nova";
  if ((await store.readTextIfExists(joinS3Uri(folder, MARENGO_RESULT_FILE))) !== undefined) {
    return fallbackFamily === "marengo-2.7" ? "marengo-2.7" : "marengo-3.0";
  }
  throw new ResponseError(`${folder} holds neither ${NOVA_RESULT_FILE} nor ${MARENGO_RESULT_FILE}.`, {
    modelId: folder,
    fix: "Check that the invocation wrote to this location and that the S3 settings point at the same storage.",
  });
}
