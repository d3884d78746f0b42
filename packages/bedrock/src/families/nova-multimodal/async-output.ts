import { ResponseError } from "@bedrock-embeddings/core";
import type { EmbeddingSegment, SegmentFailure } from "../../async-invoke/async-types.js";
import {
  asRecord,
  optionalNumber,
  optionalString,
  segmentVector,
} from "../../async-invoke/segment-vector.js";
import { parseJsonDocument, parseJsonLines } from "../../s3/jsonl.js";
import type { ObjectStore } from "../../s3/object-store.js";
import { joinS3Uri } from "../../s3/s3-uri.js";

/**
 * Segments and failures read from one invocation's output folder.
 *
 * @example
 * const { segments, failures, dimension } = await readNovaOutput(store, folder, modelId, true);
 */
export interface SegmentsRead {
  segments: EmbeddingSegment[];
  failures: SegmentFailure[];
  dimension: number | undefined;
}

/** The summary file Nova writes in the invocation folder. */
export const NOVA_RESULT_FILE = "segmented-embedding-result.json";

/**
 * Reads Nova's `segmented-embedding-result.json`, then every JSONL file it points to
 * (`outputFileUri`). Failed modalities and failed segments become failures; a modality marked
 * PARTIAL_SUCCESS whose lines name no failure still gets one, so nothing goes missing unnoticed.
 * Segments keep the summary's modality order, and segment order within each.
 *
 * @example
 * await readNovaOutput(store, "s3://bucket/out/abc123def456", "amazon.nova-2-multimodal-embeddings-v1:0", true);
 */
export async function readNovaOutput(
  store: ObjectStore,
  folderUri: string,
  modelId: string,
  normalize: boolean,
): Promise<SegmentsRead> {
  const summaryUri = joinS3Uri(folderUri, NOVA_RESULT_FILE);
  const summary = asRecord(parseJsonDocument(await store.readText(summaryUri), summaryUri, modelId));
  const results = summary?.["embeddingResults"];
  if (!Array.isArray(results)) {
    throw new ResponseError(`${summaryUri} has no embeddingResults list.`, {
      modelId,
      fix: "Check that the invocation used a Nova model and the output location is Bedrock's.",
    });
  }
  const dimension = optionalNumber(summary?.["embeddingDimension"]);
  const segments: EmbeddingSegment[] = [];
  const failures: SegmentFailure[] = [];
  for (const entry of results) {
    const result = asRecord(entry) ?? {};
    const embeddingType = optionalString(result["embeddingType"]);
    const status = optionalString(result["status"]) ?? "SUCCESS";
    const overall = {
      ...(embeddingType ? { embeddingType } : {}),
      reason: optionalString(result["failureReason"]) ?? status,
      message:
        optionalString(result["message"]) ?? `the ${embeddingType ?? "input"} embedding reported ${status}.`,
    };
    const fileUri = optionalString(result["outputFileUri"]);
    if (status === "FAILURE" || fileUri === undefined) {
      if (status !== "FAILURE")
        overall.message = `${summaryUri} lists no outputFileUri for ${embeddingType ?? "a result"}.`;
      failures.push(overall);
      continue;
    }
    const read = readSegmentFile(
      fileUri,
      await store.readText(fileUri),
      embeddingType,
      dimension,
      normalize,
      modelId,
    );
    segments.push(...read.segments);
    failures.push(...read.failures);
    if (status !== "SUCCESS" && read.failures.length === 0) failures.push(overall);
  }
  return { segments, failures, dimension: dimension ?? segments[0]?.embedding.length };
}

function readSegmentFile(
  fileUri: string,
  text: string,
  embeddingType: string | undefined,
  dimension: number | undefined,
  normalize: boolean,
  modelId: string,
): { segments: EmbeddingSegment[]; failures: SegmentFailure[] } {
  const items = fileItems(fileUri, text, modelId);
  const segments: EmbeddingSegment[] = [];
  const failures: SegmentFailure[] = [];
  for (const { line, value } of items) {
    const item = asRecord(value) ?? {};
    const metadata = asRecord(item["segmentMetadata"]) ?? {};
    const segmentIndex = optionalNumber(metadata["segmentIndex"]);
    const type = optionalString(item["embeddingType"]) ?? embeddingType;
    const status = optionalString(item["status"]) ?? "SUCCESS";
    if (status !== "SUCCESS") {
      failures.push({
        ...(type ? { embeddingType: type } : {}),
        ...(segmentIndex === undefined ? {} : { segmentIndex }),
        reason: optionalString(item["failureReason"]) ?? status,
        message: optionalString(item["message"]) ?? `segment ${segmentIndex ?? `on line ${line}`} failed.`,
      });
      continue;
    }
    const label = `segment ${segmentIndex ?? `on line ${line}`} of ${fileUri}`;
    const segment: EmbeddingSegment = {
      embedding: segmentVector(item["embedding"], label, dimension, normalize, modelId),
    };
    if (type) segment.embeddingType = type;
    if (segmentIndex !== undefined) segment.segmentIndex = segmentIndex;
    copyNumber(metadata, "segmentStartCharPosition", segment, "startChar");
    copyNumber(metadata, "segmentEndCharPosition", segment, "endChar");
    copyNumber(metadata, "truncatedCharLength", segment, "truncatedCharLength");
    copyNumber(metadata, "segmentStartSeconds", segment, "startSec");
    copyNumber(metadata, "segmentEndSeconds", segment, "endSec");
    segments.push(segment);
  }
  segments.sort((left, right) => (left.segmentIndex ?? 0) - (right.segmentIndex ?? 0));
  return { segments, failures };
}

// Text, audio and video results are JSON Lines; the image result is one JSON document.
function fileItems(fileUri: string, text: string, modelId: string): { line: number; value: unknown }[] {
  if (fileUri.endsWith(".json")) {
    const document = parseJsonDocument(text, fileUri, modelId);
    return (Array.isArray(document) ? document : [document]).map((value, position) => ({
      line: position + 1,
      value,
    }));
  }
  return parseJsonLines(text, fileUri, modelId);
}

function copyNumber(
  from: Record<string, unknown>,
  key: string,
  to: EmbeddingSegment,
  as: "startChar" | "endChar" | "truncatedCharLength" | "startSec" | "endSec",
): void {
  const value = optionalNumber(from[key]);
  if (value !== undefined) to[as] = value;
}
