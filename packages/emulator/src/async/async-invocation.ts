import type { ReceivedRequest } from "../auth/verify-sigv4.js";
import {
  canonicalJson,
  conflict,
  constraintViolation,
  emulatorAccountId,
  isoTime,
  pageOf,
  parseJsonObject,
  parseListQuery,
  queryOf,
  randomJobId,
  requestRegion,
} from "../control-plane/rest-json.js";
import { validateNovaRequest } from "../families/nova-multimodal/request.js";
import { servedFamilies } from "../families/served-families.js";
import { canonicalModelId } from "../models/served-models.js";
import { validationError } from "../protocol/aws-service-error.js";
import { bedrockS3UriPattern, bedrockS3UriPatternText, joinS3Uri } from "../s3/s3-uri.js";
import type { EmulatorJobs } from "./emulator-jobs.js";
import { JobFailure } from "./job-markers.js";
import { runMarengoAsyncJob, validateMarengoAsyncInput } from "./marengo-async-job.js";
import { runNovaSegmentedJob } from "./nova-segmented-job.js";

/** One StartAsyncInvoke call and its progress. */
export interface AsyncInvocation {
  invocationArn: string;
  invocationId: string;
  modelId: string;
  modelArn: string;
  clientRequestToken: string;
  /** Canonical JSON of the request, to tell an idempotent retry from a conflicting reuse of the token. */
  fingerprint: string;
  status: "InProgress" | "Completed" | "Failed";
  failureMessage?: string;
  submitTime: Date;
  lastModifiedTime: Date;
  endTime?: Date;
  /** The s3Uri the caller asked for; outputs go under `<s3Uri>/<invocationId>/`. */
  requestedS3Uri: string;
  kmsKeyId?: string;
  bucketOwner?: string;
}

const asyncModels = new Set(
  servedFamilies.filter((family) => family.asyncInvoke).flatMap((family) => family.modelIds),
);
const foundationModelArn = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]*::foundation-model\/(.+)$/;

interface OutputDataConfig {
  s3OutputDataConfig?: { s3Uri?: unknown; kmsKeyId?: unknown; bucketOwner?: unknown };
}

/** `POST /async-invoke` (StartAsyncInvoke): validates, registers the invocation and schedules its job. */
export function startAsyncInvoke(request: ReceivedRequest, jobs: EmulatorJobs): unknown {
  const body = parseJsonObject(request.body);
  const { modelId: modelIdentifier, modelInput, clientRequestToken, tags } = body;
  const outputDataConfig = body["outputDataConfig"] as OutputDataConfig | undefined;
  const s3Uri = outputDataConfig?.s3OutputDataConfig?.s3Uri;
  assertStartShape(modelIdentifier, modelInput, s3Uri, clientRequestToken, tags);
  const modelId = asyncModelId(modelIdentifier as string);
  const token = (clientRequestToken as string | undefined) ?? randomJobId(32);
  const fingerprint = canonicalJson({ modelIdentifier, modelInput, outputDataConfig, tags });
  const previous = jobs.invocationsByToken.get(token);
  if (previous) {
    if (previous.fingerprint !== fingerprint) {
      throw conflict(
        "The clientRequestToken was already used for a different StartAsyncInvoke request. Use a new token for a new request.",
      );
    }
    return { invocationArn: previous.invocationArn };
  }
  validateModelInput(modelId, modelInput);
  jobs.requireS3("StartAsyncInvoke");
  const region = requestRegion(request);
  const invocationId = randomJobId();
  const now = new Date();
  const invocation: AsyncInvocation = {
    invocationArn: `arn:aws:bedrock:${region}:${emulatorAccountId}:async-invoke/${invocationId}`,
    invocationId,
    modelId,
    modelArn: `arn:aws:bedrock:${region}::foundation-model/${modelId}`,
    clientRequestToken: token,
    fingerprint,
    status: "InProgress",
    submitTime: now,
    lastModifiedTime: now,
    requestedS3Uri: s3Uri as string,
  };
  const { kmsKeyId, bucketOwner } = outputDataConfig?.s3OutputDataConfig ?? {};
  if (typeof kmsKeyId === "string") invocation.kmsKeyId = kmsKeyId;
  if (typeof bucketOwner === "string") invocation.bucketOwner = bucketOwner;
  jobs.invocations.set(invocation.invocationArn, invocation);
  jobs.invocationsByToken.set(token, invocation);
  jobs.scheduler.after(jobs.delayMs, () => runInvocation(invocation, modelInput, jobs));
  return { invocationArn: invocation.invocationArn };
}

/** `GET /async-invoke/{invocationArn}` (GetAsyncInvoke). */
export function getAsyncInvoke(invocationArn: string, jobs: EmulatorJobs): unknown {
  const invocation = jobs.invocations.get(invocationArn);
  if (!invocation) {
    // The service model lists no ResourceNotFoundException for GetAsyncInvoke; an unknown ARN is invalid input.
    throw validationError(`The async invocation ${invocationArn} was not found.`);
  }
  return describe(invocation);
}

/** `GET /async-invoke` (ListAsyncInvokes) with its filter, sort and paging query parameters. */
export function listAsyncInvokes(request: ReceivedRequest, jobs: EmulatorJobs): unknown {
  const query = parseListQuery(
    queryOf(request.target),
    ["InProgress", "Completed", "Failed"],
    ["SubmissionTime"],
  );
  const { page, nextToken } = pageOf(jobs.invocations.values(), query);
  return { asyncInvokeSummaries: page.map(describe), ...(nextToken === undefined ? {} : { nextToken }) };
}

function describe(invocation: AsyncInvocation): Record<string, unknown> {
  const s3Uri =
    invocation.status === "Completed"
      ? joinS3Uri(invocation.requestedS3Uri, invocation.invocationId)
      : invocation.requestedS3Uri;
  const s3OutputDataConfig: Record<string, string> = { s3Uri };
  if (invocation.kmsKeyId !== undefined) s3OutputDataConfig["kmsKeyId"] = invocation.kmsKeyId;
  if (invocation.bucketOwner !== undefined) s3OutputDataConfig["bucketOwner"] = invocation.bucketOwner;
  return {
    invocationArn: invocation.invocationArn,
    modelArn: invocation.modelArn,
    clientRequestToken: invocation.clientRequestToken,
    status: invocation.status,
    ...(invocation.failureMessage === undefined ? {} : { failureMessage: invocation.failureMessage }),
    submitTime: isoTime(invocation.submitTime),
    lastModifiedTime: isoTime(invocation.lastModifiedTime),
    ...(invocation.endTime === undefined ? {} : { endTime: isoTime(invocation.endTime) }),
    outputDataConfig: { s3OutputDataConfig },
  };
}

async function runInvocation(
  invocation: AsyncInvocation,
  modelInput: unknown,
  jobs: EmulatorJobs,
): Promise<void> {
  const s3 = jobs.requireS3("StartAsyncInvoke");
  const outputPrefix = joinS3Uri(invocation.requestedS3Uri, invocation.invocationId);
  try {
    if (invocation.modelId === "amazon.nova-2-multimodal-embeddings-v1:0") {
      await runNovaSegmentedJob(validateNovaRequest(modelInput, "SEGMENTED_EMBEDDING"), s3, outputPrefix);
    } else {
      await runMarengoAsyncJob(invocation.modelId, modelInput, s3, outputPrefix);
    }
    invocation.status = "Completed";
  } catch (error) {
    invocation.status = "Failed";
    invocation.failureMessage =
      error instanceof JobFailure || (error instanceof Error && error.name === "ValidationException")
        ? error.message
        : `Internal error while running the async invocation: ${error instanceof Error ? error.message : String(error)}`;
  }
  invocation.endTime = new Date();
  invocation.lastModifiedTime = invocation.endTime;
}

function assertStartShape(
  modelId: unknown,
  modelInput: unknown,
  s3Uri: unknown,
  clientRequestToken: unknown,
  tags: unknown,
): void {
  const problems: string[] = [];
  if (typeof modelId !== "string" || modelId === "") {
    problems.push("Value null at 'modelId' failed to satisfy constraint: Member must not be null");
  } else if (modelId.length > 256 || !/^[a-zA-Z_.\-/0-9:]+$/.test(modelId)) {
    problems.push(
      `Value '${modelId}' at 'modelId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z_\\.\\-/0-9:]+`,
    );
  }
  if (modelInput === undefined || modelInput === null) {
    problems.push("Value null at 'modelInput' failed to satisfy constraint: Member must not be null");
  }
  if (typeof s3Uri !== "string") {
    problems.push(
      "Value null at 'outputDataConfig.s3OutputDataConfig.s3Uri' failed to satisfy constraint: Member must not be null",
    );
  } else if (s3Uri.length > 1024 || !bedrockS3UriPattern.test(s3Uri)) {
    problems.push(
      `Value '${s3Uri}' at 'outputDataConfig.s3OutputDataConfig.s3Uri' failed to satisfy constraint: Member must satisfy regular expression pattern: ${bedrockS3UriPatternText}`,
    );
  }
  if (
    clientRequestToken !== undefined &&
    (typeof clientRequestToken !== "string" || !/^[!-~]{1,256}$/.test(clientRequestToken))
  ) {
    problems.push(
      `Value '${String(clientRequestToken)}' at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [!-~]*`,
    );
  }
  if (tags !== undefined && (!Array.isArray(tags) || tags.length > 200)) {
    problems.push(
      "Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200",
    );
  }
  if (problems.length > 0) throw constraintViolation(problems);
}

// StartAsyncInvoke takes the base model id (or its foundation-model ARN) of Nova and Marengo only.
function asyncModelId(identifier: string): string {
  const bareId = foundationModelArn.exec(identifier)?.[1] ?? identifier;
  const modelId = canonicalModelId(bareId);
  if (modelId === undefined) throw validationError("The provided model identifier is invalid.");
  if (!asyncModels.has(modelId)) {
    throw validationError(
      `The model ${modelId} doesn't support StartAsyncInvoke. Use InvokeModel, or a batch inference job (CreateModelInvocationJob) for large volumes.`,
    );
  }
  return modelId;
}

function validateModelInput(modelId: string, modelInput: unknown): void {
  if (modelId === "amazon.nova-2-multimodal-embeddings-v1:0") {
    validateNovaRequest(modelInput, "SEGMENTED_EMBEDDING");
  } else {
    validateMarengoAsyncInput(modelId, modelInput);
  }
}
