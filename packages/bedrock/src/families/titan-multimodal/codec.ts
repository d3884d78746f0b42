import { ResponseError } from "@bedrock-embeddings/core";
import type { ModelFamily, ParsedEmbeddings, RequestSettings, WireInput } from "../model-family.js";
import { describeValue, expectObject, readTokenCount } from "../response-shape.js";
import { inlineBase64, singleInput, unpackedLength } from "../wire-inputs.js";

const FAMILY = "titan-multimodal";
/** Characters per token assumed for the pre-send ceiling: generous, so no valid text is refused. */
const CHARACTERS_PER_TOKEN_CEILING = 6;
const MAX_TOKENS = 256;

/**
 * Titan Multimodal Embeddings G1. Body `{inputText?, inputImage?, embeddingConfig:
 * {outputEmbeddingLength}}`: a text, an image (base64, no data: prefix) or both, which the
 * model averages into one vector. The length (256, 384 or 1024) is always sent. One input per
 * call; 256 tokens of English text (checked as at most 1,536 characters before sending, the
 * service counts the tokens); images up to 25 MB and 2048×2048 pixels. Float only, no server
 * normalize, no truncation.
 */
export const titanMultimodal: ModelFamily = {
  name: FAMILY,
  modelIds: ["amazon.titan-embed-image-v1"],
  limits: {
    textsPerCall: 1,
    charactersPerText: MAX_TOKENS * CHARACTERS_PER_TOKEN_CEILING,
    tokensPerText: MAX_TOKENS,
  },
  dimensions: { default: 1024, allowed: [256, 384, 1024], fixed: false },
  serverNormalize: false,
  tokenSource: "body",
  truncateModes: ["NONE"],
  inputTypes: [],
  defaultInputType: () => undefined,
  modalities: ["text", "image", "text-image"],
  embeddingTypes: ["float"],
  media: {
    imageFormats: ["png", "jpeg"],
    imageBytes: 25_000_000,
    imagePixels: { width: 2048, height: 2048 },
    audioFormats: [],
    videoFormats: [],
    inlineBase64Bytes: undefined,
    requestBytes: 25_000_000,
    s3Sources: false,
    inputsPerCall: 1,
  },
  typedLength: unpackedLength,
  fitText: (text) => text,
  buildBody: (inputs, settings) => body(singleInput(inputs, FAMILY), settings),
  parseResponse: parseTitanMultimodalResponse,
};

function body(input: WireInput, settings: RequestSettings): Record<string, unknown> {
  const text = input.modality === "text" || input.modality === "text-image" ? input.text : undefined;
  const image =
    input.modality === "image" || input.modality === "text-image"
      ? inlineBase64(input.image, FAMILY)
      : undefined;
  if (text === undefined && image === undefined) {
    throw new Error(`${FAMILY}: a ${input.modality} input reached the codec; a planner bug.`);
  }
  return {
    ...(text === undefined ? {} : { inputText: text }),
    ...(image === undefined ? {} : { inputImage: image }),
    embeddingConfig: { outputEmbeddingLength: settings.dimensions },
  };
}

/** `{embedding, inputTextTokenCount, message}`; a `message` without a vector is the model's error. */
function parseTitanMultimodalResponse(response: unknown, modelId: string): ParsedEmbeddings {
  const object = expectObject(response, modelId);
  const inputTokens = readTokenCount(object["inputTextTokenCount"]);
  if (Array.isArray(object["embedding"])) {
    return { perInput: [[{ byType: { float: object["embedding"] } }]], inputTokens };
  }
  const message = typeof object["message"] === "string" && object["message"] ? object["message"] : undefined;
  throw new ResponseError(
    message
      ? `The response for ${modelId} has no embedding; the model said: ${message}`
      : `The response for ${modelId} has no "embedding" list; found ${describeValue(object)}.`,
    { modelId, fix: "Check the input against the model's limits, and that the family is titan-multimodal." },
  );
}
