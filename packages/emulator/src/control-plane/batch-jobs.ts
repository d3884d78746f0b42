import type { EmulatorJobs } from "../async/emulator-jobs.js";
import { EMULATOR_FAIL_MARKER } from "../async/job-markers.js";
import type { ReceivedRequest } from "../auth/verify-sigv4.js";
import { resolveModelIdentifier } from "../models/resolve-model-identifier.js";
import { familyFor } from "../models/served-models.js";
import { AwsServiceError, validationError } from "../protocol/aws-service-error.js";
import type { S3ObjectStore } from "../s3/s3-object-store.js";
import { S3AccessError } from "../s3/s3-object-store.js";
import { prefetchS3Sources } from "../s3/s3-sources.js";
import {
  baseName,
  bedrockS3UriPattern,
  bedrockS3UriPatternText,
  joinS3Uri,
  parseS3Uri,
} from "../s3/s3-uri.js";
import type { BatchInputFile, BatchJob, BatchJobStatus } from "./batch-job-types.js";
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
  resourceNotFound,
} from "./rest-json.js";

/**
 * The models a batch inference job accepts here: the Titan and Cohere embedding models (all of which Bedrock
 * lists for batch inference or serves on InvokeModel with the same bodies). Nova and Marengo use async invoke.
 */
export const batchModelIds: readonly string[] = [
  "amazon.titan-embed-text-v1",
  "amazon.titan-embed-text-v2:0",
  "amazon.titan-embed-image-v1",
  "cohere.embed-english-v3",
  "cohere.embed-multilingual-v3",
  "cohere.embed-v4:0",
];

const statuses: readonly BatchJobStatus[] = [
  "Submitted",
  "Validating",
  "Scheduled",
  "InProgress",
  "Completed",
  "PartiallyCompleted",
  "Failed",
  "Stopping",
  "Stopped",
  "Expired",
];
const jobNamePattern = /^[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63}$/;
const roleArnPattern = /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/;
const jobIdentifierPattern =
  /^(?:arn:aws(?:|-us-gov|-cn|-iso|-iso-b):bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-invocation-job\/)?([a-z0-9]{12})$/;

/**
 * `POST /model-invocation-job` (CreateModelInvocationJob): checks the request, reads every JSONL input file
 * (enforcing the minimum record count now, at create time) and schedules the job: Submitted, then InProgress
 * after `asyncJobDelayMs`, then Completed, PartiallyCompleted or Failed once its outputs are in S3.
 */
export async function createModelInvocationJob(
  request: ReceivedRequest,
  jobs: EmulatorJobs,
  applicationInferenceProfiles: Readonly<Record<string, string>>,
): Promise<unknown> {
  const body = parseJsonObject(request.body);
  assertCreateShape(body);
  const input = (body["inputDataConfig"] as BatchJob["inputDataConfig"]).s3InputDataConfig;
  const output = (body["outputDataConfig"] as BatchJob["outputDataConfig"]).s3OutputDataConfig;
  const token = body["clientRequestToken"] as string | undefined;
  const fingerprint = canonicalJson({ ...body, clientRequestToken: undefined });
  const previous = token === undefined ? undefined : jobs.batchJobsByToken.get(token);
  if (previous) {
    if (previous.fingerprint !== fingerprint) {
      throw conflict(
        "The clientRequestToken was already used for a different CreateModelInvocationJob request.",
      );
    }
    return { jobArn: previous.jobArn };
  }
  const modelId = body["modelId"] as string;
  const servedModelId = resolveModelIdentifier(modelId, applicationInferenceProfiles);
  if (!batchModelIds.includes(servedModelId)) {
    throw validationError(
      `Batch inference isn't supported for model ${servedModelId}. Supported models: ${batchModelIds.join(", ")}.`,
    );
  }
  const s3 = jobs.requireS3("batch inference jobs");
  const inputFiles = await readInputFiles(s3, input.s3Uri);
  const totalRecordCount = inputFiles.reduce((total, file) => total + file.lines.length, 0);
  if (totalRecordCount < jobs.batchMinimumRecords) {
    throw validationError(
      `The input data has ${totalRecordCount} records, but a batch inference job for ${servedModelId} needs at least ${jobs.batchMinimumRecords} (quota: minimum number of records per batch inference job).`,
    );
  }
  const region = requestRegion(request);
  const jobId = randomJobId();
  const now = new Date();
  const timeoutDurationInHours = (body["timeoutDurationInHours"] as number | undefined) ?? 168;
  const job: BatchJob = {
    jobArn: `arn:aws:bedrock:${region}:${emulatorAccountId}:model-invocation-job/${jobId}`,
    jobId,
    jobName: body["jobName"] as string,
    roleArn: body["roleArn"] as string,
    modelId,
    servedModelId,
    fingerprint,
    status: "Submitted",
    submitTime: now,
    lastModifiedTime: now,
    jobExpirationTime: new Date(now.getTime() + timeoutDurationInHours * 3_600_000),
    timeoutDurationInHours,
    inputDataConfig: { s3InputDataConfig: { s3InputFormat: "JSONL", ...input } },
    outputDataConfig: { s3OutputDataConfig: { ...output } },
    inputFiles,
    totalRecordCount,
    processedRecordCount: 0,
    successRecordCount: 0,
    errorRecordCount: 0,
  };
  if (token !== undefined) {
    job.clientRequestToken = token;
    jobs.batchJobsByToken.set(token, job);
  }
  jobs.batchJobs.set(job.jobArn, job);
  jobs.scheduler.after(jobs.delayMs, () => {
    if (job.status !== "Submitted") return;
    setStatus(job, "InProgress");
    jobs.scheduler.after(jobs.delayMs, () => runBatchJob(job, s3));
  });
  return { jobArn: job.jobArn };
}

/** `GET /model-invocation-job/{jobIdentifier}` (GetModelInvocationJob); the identifier is the ARN or job id. */
export function getModelInvocationJob(jobIdentifier: string, jobs: EmulatorJobs): unknown {
  return describe(findJob(jobIdentifier, jobs));
}

/** `GET /model-invocation-jobs` (ListModelInvocationJobs). */
export function listModelInvocationJobs(request: ReceivedRequest, jobs: EmulatorJobs): unknown {
  const query = queryOf(request.target);
  const listQuery = parseListQuery(query, statuses, ["CreationTime"]);
  const nameContains = query.get("nameContains");
  const candidates = [...jobs.batchJobs.values()].filter(
    (job) => nameContains === null || job.jobName.includes(nameContains),
  );
  const { page, nextToken } = pageOf(candidates, listQuery);
  return { invocationJobSummaries: page.map(describe), ...(nextToken === undefined ? {} : { nextToken }) };
}

/** `POST /model-invocation-job/{jobIdentifier}/stop` (StopModelInvocationJob). */
export function stopModelInvocationJob(jobIdentifier: string, jobs: EmulatorJobs): unknown {
  const job = findJob(jobIdentifier, jobs);
  if (
    job.status !== "Submitted" &&
    job.status !== "InProgress" &&
    job.status !== "Scheduled" &&
    job.status !== "Validating"
  ) {
    throw validationError(`The job ${job.jobArn} can't be stopped because its status is ${job.status}.`);
  }
  setStatus(job, "Stopped");
  job.endTime = job.lastModifiedTime;
  return {};
}

function findJob(jobIdentifier: string, jobs: EmulatorJobs): BatchJob {
  const jobId = jobIdentifierPattern.exec(jobIdentifier)?.[1];
  if (jobId === undefined) {
    throw constraintViolation([
      `Value '${jobIdentifier}' at 'jobIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: ((arn:aws(|-us-gov|-cn|-iso|-iso-b):bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-invocation-job/)?[a-z0-9]{12})`,
    ]);
  }
  const job = [...jobs.batchJobs.values()].find((candidate) => candidate.jobId === jobId);
  if (!job) throw resourceNotFound(`The model invocation job ${jobIdentifier} was not found.`);
  return job;
}

function describe(job: BatchJob): Record<string, unknown> {
  return {
    jobArn: job.jobArn,
    jobName: job.jobName,
    modelId: job.modelId,
    roleArn: job.roleArn,
    ...(job.clientRequestToken === undefined ? {} : { clientRequestToken: job.clientRequestToken }),
    status: job.status,
    ...(job.message === undefined ? {} : { message: job.message }),
    submitTime: isoTime(job.submitTime),
    lastModifiedTime: isoTime(job.lastModifiedTime),
    ...(job.endTime === undefined ? {} : { endTime: isoTime(job.endTime) }),
    inputDataConfig: job.inputDataConfig,
    outputDataConfig: job.outputDataConfig,
    timeoutDurationInHours: job.timeoutDurationInHours,
    jobExpirationTime: isoTime(job.jobExpirationTime),
    modelInvocationType: "InvokeModel",
    totalRecordCount: job.totalRecordCount,
    processedRecordCount: job.processedRecordCount,
    successRecordCount: job.successRecordCount,
    errorRecordCount: job.errorRecordCount,
  };
}

function setStatus(job: BatchJob, status: BatchJobStatus): void {
  job.status = status;
  job.lastModifiedTime = new Date();
}

async function runBatchJob(job: BatchJob, s3: S3ObjectStore): Promise<void> {
  if (job.status !== "InProgress") return;
  const outputPrefix = joinS3Uri(job.outputDataConfig.s3OutputDataConfig.s3Uri, job.jobId);
  try {
    if (job.inputDataConfig.s3InputDataConfig.s3Uri.includes(EMULATOR_FAIL_MARKER)) {
      throw new Error(
        `The input S3 URI contains the ${EMULATOR_FAIL_MARKER} marker, so the emulator failed this job.`,
      );
    }
    const family = familyFor(job.servedModelId);
    let inputTokenCount = 0;
    let recordNumber = 0;
    const outputs: Array<{ uri: string; body: string }> = [];
    for (const file of job.inputFiles) {
      const outputLines: string[] = [];
      for (const line of file.lines) {
        recordNumber += 1;
        const record = await processRecord(line, recordNumber, family, s3);
        if (job.status !== "InProgress") return;
        inputTokenCount += record.inputTokenCount;
        job.processedRecordCount += 1;
        if (record.output["error"] === undefined) job.successRecordCount += 1;
        else job.errorRecordCount += 1;
        outputLines.push(JSON.stringify(record.output));
      }
      outputs.push({
        uri: joinS3Uri(outputPrefix, `${file.fileName}.out`),
        body: `${outputLines.join("\n")}\n`,
      });
    }
    for (const output of outputs) await s3.putObject(output.uri, output.body, "application/jsonl");
    const manifest = {
      totalRecordCount: job.totalRecordCount,
      processedRecordCount: job.processedRecordCount,
      successRecordCount: job.successRecordCount,
      errorRecordCount: job.errorRecordCount,
      inputTokenCount,
      outputTokenCount: 0,
    };
    await s3.putObject(joinS3Uri(outputPrefix, "manifest.json.out"), JSON.stringify(manifest));
    if (job.errorRecordCount === 0) setStatus(job, "Completed");
    else if (job.successRecordCount === 0) {
      setStatus(job, "Failed");
      job.message = `All ${job.errorRecordCount} records failed; see the error field of each record in the output.`;
    } else {
      setStatus(job, "PartiallyCompleted");
      job.message = `${job.errorRecordCount} of ${job.totalRecordCount} records failed; see the error field of those records in the output.`;
    }
  } catch (error) {
    if (job.status !== "InProgress") return;
    setStatus(job, "Failed");
    job.message = error instanceof Error ? error.message : String(error);
  }
  job.endTime = job.lastModifiedTime;
}

async function processRecord(
  line: string,
  recordNumber: number,
  family: ReturnType<typeof familyFor>,
  s3: S3ObjectStore,
): Promise<{ output: Record<string, unknown>; inputTokenCount: number }> {
  // Bedrock fills in a recordId when the input line has none: 11 characters, like the documented examples.
  const fallbackId = `RECORD${String(recordNumber).padStart(5, "0")}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return {
      output: {
        recordId: fallbackId,
        error: recordError(400, "Malformed input request, the line is not valid JSON."),
      },
      inputTokenCount: 0,
    };
  }
  const record = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const recordId = typeof record["recordId"] === "string" ? record["recordId"] : fallbackId;
  const modelInput = record["modelInput"];
  if (modelInput === undefined) {
    return {
      output: {
        recordId,
        error: recordError(
          400,
          "Malformed input request: #: required key [modelInput] not found, please reformat your input and try again.",
        ),
      },
      inputTokenCount: 0,
    };
  }
  try {
    const result = family.invoke(modelInput, await prefetchS3Sources(modelInput, s3));
    return {
      output: { recordId, modelInput, modelOutput: result.body },
      inputTokenCount: result.inputTokenCount,
    };
  } catch (error) {
    if (!(error instanceof AwsServiceError)) throw error;
    return {
      output: { recordId, modelInput, error: recordError(error.status, error.message) },
      inputTokenCount: 0,
    };
  }
}

function recordError(errorCode: number, errorMessage: string): { errorCode: number; errorMessage: string } {
  return { errorCode, errorMessage };
}

async function readInputFiles(s3: S3ObjectStore, s3Uri: string): Promise<BatchInputFile[]> {
  const location = parseS3Uri(s3Uri) ?? { bucket: "", key: "" };
  try {
    const keys = await s3.listKeys(s3Uri);
    let selected: string[];
    if (location.key !== "" && !location.key.endsWith("/") && keys.includes(location.key)) {
      selected = [location.key];
    } else {
      const prefix = location.key === "" || location.key.endsWith("/") ? location.key : `${location.key}/`;
      selected = keys.filter((key) => key.startsWith(prefix) && key.endsWith(".jsonl")).sort();
    }
    if (selected.length === 0) throw validationError(`No JSONL input files were found at ${s3Uri}.`);
    return await Promise.all(
      selected.map(async (key) => {
        const uri = `s3://${location.bucket}/${key}`;
        const { bytes } = await s3.getObject(uri);
        const lines = bytes
          .toString("utf8")
          .split(/\r?\n/)
          .filter((line) => line.trim() !== "");
        return { uri, fileName: baseName(key), lines };
      }),
    );
  } catch (error) {
    if (error instanceof S3AccessError) {
      const wrapped = validationError(`Unable to read the batch input ${error.message}`);
      wrapped.cause = error;
      throw wrapped;
    }
    throw error;
  }
}

function assertCreateShape(body: Record<string, unknown>): void {
  const problems: string[] = [];
  const required = (value: unknown, path: string): value is string => {
    if (typeof value === "string" && value !== "") return true;
    problems.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
    return false;
  };
  const pattern = (value: string, path: string, regex: RegExp, text: string) => {
    if (!regex.test(value)) {
      problems.push(
        `Value '${value}' at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${text}`,
      );
    }
  };
  const { jobName, roleArn, modelId, timeoutDurationInHours, modelInvocationType } = body;
  const input = (body["inputDataConfig"] as BatchJob["inputDataConfig"] | undefined)?.s3InputDataConfig;
  const output = (body["outputDataConfig"] as BatchJob["outputDataConfig"] | undefined)?.s3OutputDataConfig;
  if (required(jobName, "jobName")) {
    pattern(jobName, "jobName", jobNamePattern, "[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\\+\\-\\.]){0,63}");
  }
  if (required(roleArn, "roleArn")) {
    pattern(roleArn, "roleArn", roleArnPattern, "arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+");
  }
  required(modelId, "modelId");
  for (const [uri, path] of [
    [input?.s3Uri, "inputDataConfig.s3InputDataConfig.s3Uri"],
    [output?.s3Uri, "outputDataConfig.s3OutputDataConfig.s3Uri"],
  ] as const) {
    if (required(uri, path)) pattern(uri, path, bedrockS3UriPattern, bedrockS3UriPatternText);
  }
  if (input?.s3InputFormat !== undefined && input.s3InputFormat !== "JSONL") {
    problems.push(
      `Value '${String(input.s3InputFormat)}' at 'inputDataConfig.s3InputDataConfig.s3InputFormat' failed to satisfy constraint: Member must satisfy enum value set: [JSONL]`,
    );
  }
  if (
    timeoutDurationInHours !== undefined &&
    (typeof timeoutDurationInHours !== "number" ||
      !Number.isInteger(timeoutDurationInHours) ||
      timeoutDurationInHours < 24 ||
      timeoutDurationInHours > 168)
  ) {
    problems.push(
      `Value '${String(timeoutDurationInHours)}' at 'timeoutDurationInHours' failed to satisfy constraint: Member must have value between 24 and 168`,
    );
  }
  if (problems.length > 0) throw constraintViolation(problems);
  if (modelInvocationType !== undefined && modelInvocationType !== "InvokeModel") {
    throw validationError(
      `Embedding models support only the InvokeModel invocation type, not ${String(modelInvocationType)}.`,
    );
  }
}
