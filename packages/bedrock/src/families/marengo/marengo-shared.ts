import { ResponseError } from "@bedrock-embeddings/core";
import type { MediaLimits, ParsedEmbeddings, WireMedia } from "../model-family.js";
import { describeValue, expectObject, isRecord } from "../response-shape.js";

/** Characters per token assumed for the pre-send ceiling: generous, so no valid text is refused. */
export const MARENGO_CHARACTERS_PER_TOKEN = 6;

/** Sync Marengo media: PNG or JPEG images of 5 MB at most, inline or read from S3; one per call. */
export const MARENGO_MEDIA: MediaLimits = {
  imageFormats: ["png", "jpeg"],
  imageBytes: 5_000_000,
  imagePixels: undefined,
  audioFormats: [],
  videoFormats: [],
  inlineBase64Bytes: undefined,
  requestBytes: 25_000_000,
  s3Sources: true,
  inputsPerCall: 1,
};

/** `{"base64String": ...}` or `{"s3Location": {"uri", "bucketOwner"?}}`. */
export function marengoMediaSource(media: WireMedia): Record<string, unknown> {
  if ("base64" in media) return { base64String: media.base64 };
  return {
    s3Location: {
      uri: media.s3Uri,
      ...(media.bucketOwner === undefined ? {} : { bucketOwner: media.bucketOwner }),
    },
  };
}

/**
 * Both documented Marengo shapes: `data` as a list of items (what clients and AWS samples
 * read) or as one item object (what the 3.0 page shows). A sync call embeds one input, so
 * exactly one item must be there; each item is `{embedding, embeddingOption?, startSec?, endSec?}`.
 */
export function parseMarengoResponse(body: unknown, modelId: string): ParsedEmbeddings {
  const object = expectObject(body, modelId);
  const data = object["data"];
  const items = Array.isArray(data) ? data : isRecord(data) ? [data] : undefined;
  if (items === undefined) {
    const found = "data" in object ? `"data" is ${describeValue(data)}` : describeValue(object);
    throw new ResponseError(`The response for ${modelId} has no "data" list or object; found ${found}.`, {
      modelId,
      fix: "Check that the model id and family are a TwelveLabs Marengo model.",
    });
  }
  if (items.length !== 1) {
    throw new ResponseError(`The response for ${modelId} holds ${items.length} embeddings for one input.`, {
      modelId,
      expected: 1,
      actual: items.length,
      fix: "A synchronous Marengo call returns one embedding; this is a service or emulator bug if it repeats.",
    });
  }
  const item = items[0];
  return {
    perInput: [[{ byType: { float: isRecord(item) ? item["embedding"] : item } }]],
    inputTokens: undefined,
  };
}
