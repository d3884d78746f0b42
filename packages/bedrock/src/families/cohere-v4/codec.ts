import {
  COHERE_EMBEDDING_TYPES,
  COHERE_INPUT_TYPES,
  cohereInputType,
  cohereTypedLength,
  parseCohereEmbeddings,
} from "../cohere/cohere-shared.js";
import type { ModelFamily, RequestSettings } from "../model-family.js";
import { imageDataUri, imageOf, modalityOfCall, textsOf } from "../wire-inputs.js";

const FAMILY = "cohere-v4";

/**
 * Cohere Embed v4. Every body carries `input_type`, `output_dimension` (default 1536) and
 * `embedding_types` (float unless more is asked for), plus one of: `texts`; `images` (data
 * URIs: PNG, JPEG, WebP or GIF, 5 MB each); or `inputs`, interleaved content
 * (`[{content: [{type: "text", text}, {type: "image_url", image_url: {url}}]}]`) for a text
 * with its image. Up to 96 of each per call, in about 20 MB. Truncate is NONE, LEFT or RIGHT
 * (v4's names; START/END are v3's). The model's limit is 128k tokens per text, enforced by the
 * service; the 500,000-character pre-send ceiling only catches runaway inputs.
 */
export const cohereV4: ModelFamily = {
  name: FAMILY,
  modelIds: ["cohere.embed-v4:0"],
  limits: { textsPerCall: 96, charactersPerText: 500_000, tokensPerText: 128_000 },
  dimensions: { default: 1536, allowed: [256, 512, 1024, 1536], fixed: false },
  serverNormalize: false,
  tokenSource: "header",
  truncateModes: ["NONE", "LEFT", "RIGHT"],
  inputTypes: COHERE_INPUT_TYPES,
  defaultInputType: cohereInputType,
  modalities: ["text", "image", "text-image"],
  embeddingTypes: COHERE_EMBEDDING_TYPES,
  media: {
    imageFormats: ["png", "jpeg", "webp", "gif"],
    imageBytes: 5_000_000,
    imagePixels: undefined,
    audioFormats: [],
    videoFormats: [],
    inlineBase64Bytes: undefined,
    requestBytes: 20_000_000,
    s3Sources: false,
    inputsPerCall: 96,
  },
  typedLength: cohereTypedLength,
  // The service truncates tokens itself; there is no character schema limit to fit.
  fitText: (text) => text,
  buildBody(inputs, settings) {
    const modality = modalityOfCall(inputs, FAMILY);
    if (modality === "text") {
      return { texts: textsOf(inputs, FAMILY), ...common(settings), ...truncation(settings) };
    }
    if (modality === "image") {
      return {
        images: inputs.map((input) => imageDataUri(imageOf(input, FAMILY), FAMILY)),
        ...common(settings),
      };
    }
    const interleaved = inputs.map((input) => {
      if (input.modality !== "text-image") throw new Error(`${FAMILY}: mixed call; a planner bug.`);
      return {
        content: [
          { type: "text", text: input.text },
          { type: "image_url", image_url: { url: imageDataUri(input.image, FAMILY) } },
        ],
      };
    });
    return { inputs: interleaved, ...common(settings), ...truncation(settings) };
  },
  parseResponse: parseCohereEmbeddings,
};

function common(settings: RequestSettings): Record<string, unknown> {
  return {
    input_type: settings.inputType,
    output_dimension: settings.dimensions,
    embedding_types: [...(settings.embeddingTypes ?? ["float"])],
  };
}

function truncation(settings: RequestSettings): Record<string, unknown> {
  return settings.truncate === undefined ? {} : { truncate: settings.truncate };
}
