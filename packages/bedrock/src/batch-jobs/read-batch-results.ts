import { JobError, ResponseError } from "@bedrock-embeddings/core";
import { asRecord, optionalNumber } from "../async-invoke/segment-vector.js";
import type { ModelFamily } from "../families/model-family.js";
import { estimateCostUsd } from "../pricing/estimate-cost.js";
import { type JsonLine, parseJsonLines } from "../s3/jsonl.js";
import type { ObjectStore } from "../s3/object-store.js";
import { joinS3Uri, s3BaseName } from "../s3/s3-uri.js";
import { mapBatchOutput } from "./batch-output.js";
import type { BatchJobResults, BatchJobStatus } from "./batch-types.js";

/**
 * Reads a finished job's input and output files from S3 and maps the output back to input
 * order. The input files give the record order (so any job can be read, not just ours); each
 * output is `<input>.out` under `<outputS3Uri>/<jobId>/`, or a folder below it.
 *
 * @example
 * const results = await readBatchResults(store, status, MODEL_FAMILIES["titan-text-v2"], "amazon.titan-embed-text-v2:0", true);
 */
export async function readBatchResults(
  store: ObjectStore,
  status: BatchJobStatus,
  family: ModelFamily,
  modelId: string,
  normalize: boolean,
): Promise<BatchJobResults> {
  const { jobArn, inputS3Uri, outputS3Uri } = status;
  if (!inputS3Uri || !outputS3Uri) {
    throw new ResponseError(`GetModelInvocationJob reports no input or output location for ${jobArn}.`, {
      modelId,
    });
  }
  const recordIds: string[] = [];
  const outputLines: JsonLine[] = [];
  const outputFiles: string[] = [];
  for (const inputFile of await inputFiles(store, inputS3Uri, modelId)) {
    for (const { line, value } of parseJsonLines(await store.readText(inputFile), inputFile, modelId)) {
      const recordId = asRecord(value)?.["recordId"];
      // A record without an id cannot be matched; it is reported as missing, not dropped.
      recordIds.push(typeof recordId === "string" ? recordId : `${s3BaseName(inputFile)}#${line}`);
    }
    const output = await findOutput(store, status, outputS3Uri, inputFile);
    if (output === undefined) continue;
    outputFiles.push(output.uri);
    outputLines.push(...parseJsonLines(output.text, output.uri, modelId));
  }
  if (outputFiles.length === 0) throw noOutput(status, outputS3Uri, modelId);
  const mapped = mapBatchOutput(recordIds, outputLines, family, modelId, normalize);
  const manifestTokens = await readManifestTokens(
    store,
    joinS3Uri(outputS3Uri, status.jobId, "manifest.json.out"),
  );
  const inputTokens = manifestTokens ?? mapped.inputTokens;
  return {
    jobArn,
    status: status.status,
    modelId,
    vectors: mapped.vectors,
    failures: mapped.failures,
    usage: {
      inputTokens,
      records: recordIds.length,
      succeeded: recordIds.length - mapped.failures.length,
      failed: mapped.failures.length,
    },
    estimatedCost: estimateCostUsd({ modelId, family: family.name, inputTokens, batch: true }),
    unmatchedRecords: mapped.unmatchedRecords,
    outputFiles,
  };
}

async function inputFiles(store: ObjectStore, inputS3Uri: string, modelId: string): Promise<string[]> {
  if (inputS3Uri.endsWith(".jsonl")) return [inputS3Uri];
  const files = (await store.list(inputS3Uri)).filter((uri) => uri.endsWith(".jsonl"));
  if (files.length > 0) return files;
  throw new ResponseError(`no .jsonl input file was found under ${inputS3Uri}.`, {
    modelId,
    fix: "Check that the S3 settings point at the storage the job read from.",
  });
}

// The folder is documented as <outputS3Uri>/<jobId>/ but not firmly; accept a folder below it too,
// never another job's folder.
async function findOutput(
  store: ObjectStore,
  status: BatchJobStatus,
  outputS3Uri: string,
  inputFile: string,
): Promise<{ uri: string; text: string } | undefined> {
  const name = `${s3BaseName(inputFile)}.out`;
  const expected = joinS3Uri(outputS3Uri, status.jobId, name);
  const text = await store.readTextIfExists(expected);
  if (text !== undefined) return { uri: expected, text };
  const found = (await store.list(outputS3Uri)).find(
    (uri) => uri.endsWith(`/${name}`) && uri.includes(`/${status.jobId}/`),
  );
  return found === undefined ? undefined : { uri: found, text: await store.readText(found) };
}

async function readManifestTokens(store: ObjectStore, uri: string): Promise<number | undefined> {
  const text = await store.readTextIfExists(uri);
  if (text === undefined) return undefined;
  try {
    return optionalNumber(asRecord(JSON.parse(text))?.["inputTokenCount"]);
  } catch {
    // The manifest only refines the token count; the records' own counts stand in for it.
    return undefined;
  }
}

function noOutput(status: BatchJobStatus, outputS3Uri: string, modelId: string): Error {
  if (status.status === "Stopped" || status.status === "Expired") {
    return new JobError(`Batch job ${status.jobArn} is ${status.status} and wrote no output.`, {
      jobArn: status.jobArn,
      reason: status.status === "Stopped" ? "stopped" : "expired",
      status: status.status,
      failureMessage: status.message,
      fix: "Submit the corpus again (a longer batch.timeout_duration_in_hours helps with expiry).",
    });
  }
  return new ResponseError(`no output file of batch job ${status.jobArn} was found under ${outputS3Uri}.`, {
    modelId,
    fix: "Check that the S3 settings point at the storage the job wrote to.",
  });
}
