import { ResponseError } from "@bedrock-embeddings/core";
import type { EmbeddingSegment } from "../../async-invoke/async-types.js";
import {
  asRecord,
  optionalNumber,
  optionalString,
  segmentVector,
} from "../../async-invoke/segment-vector.js";
import { parseJsonDocument } from "../../s3/jsonl.js";
import type { ObjectStore } from "../../s3/object-store.js";
import { joinS3Uri } from "../../s3/s3-uri.js";
import type { SegmentsRead } from "../nova-multimodal/async-output.js";

/** The result file Marengo writes in the invocation folder. */
export const MARENGO_RESULT_FILE = "output.json";

/**
 * Reads Marengo's `output.json` (`{"data": [...]}`; a single object under `data` is accepted
 * too): one segment per clip and embedding option (and scope for 3.0), in file order.
 *
 * @example
 * await readMarengoOutput(store, "s3://bucket/out/abc123def456", "twelvelabs.marengo-embed-3-0-v1:0", 512, true);
 */
export async function readMarengoOutput(
  store: ObjectStore,
  folderUri: string,
  modelId: string,
  dimension: number | undefined,
  normalize: boolean,
): Promise<SegmentsRead> {
  const fileUri = joinS3Uri(folderUri, MARENGO_RESULT_FILE);
  const document = asRecord(parseJsonDocument(await store.readText(fileUri), fileUri, modelId));
  const data = document?.["data"];
  const items = Array.isArray(data) ? data : asRecord(data) ? [data] : undefined;
  if (!items) {
    throw new ResponseError(`${fileUri} has no data list.`, {
      modelId,
      fix: "Check that the invocation used a Marengo model and the output location is Bedrock's.",
    });
  }
  const segments = items.map((entry, position): EmbeddingSegment => {
    const item = asRecord(entry) ?? {};
    const segment: EmbeddingSegment = {
      embedding: segmentVector(
        item["embedding"],
        `item ${position} of ${fileUri}`,
        dimension,
        normalize,
        modelId,
      ),
      segmentIndex: position,
    };
    const option = optionalString(item["embeddingOption"]);
    const scope = optionalString(item["embeddingScope"]);
    const startSec = optionalNumber(item["startSec"]);
    const endSec = optionalNumber(item["endSec"] ?? item["endsec"]);
    if (option) segment.embeddingOption = option;
    if (scope) segment.scope = scope;
    if (startSec !== undefined) segment.startSec = startSec;
    if (endSec !== undefined) segment.endSec = endSec;
    return segment;
  });
  return { segments, failures: [], dimension: dimension ?? segments[0]?.embedding.length };
}
