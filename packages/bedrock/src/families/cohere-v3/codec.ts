import { cutToCodePoints } from "../../input/code-points.js";
import {
  COHERE_EMBEDDING_TYPES,
  COHERE_INPUT_TYPES,
  cohereInputType,
  cohereTypedLength,
  parseCohereEmbeddings,
} from "../cohere/cohere-shared.js";
import type { ModelFamily } from "../model-family.js";
import { imageDataUri, imageOf, modalityOfCall, textsOf, wantsTypes } from "../wire-inputs.js";

const MAX_CHARACTERS = 2048;

/**
 * Cohere Embed v3 (English, multilingual). Text body `{texts, input_type, truncate?,
 * embedding_types?}`; image body `{images: [data URI], input_type: "image", embedding_types?}`
 * with one PNG or JPEG image (5 MB at most) per call, never mixed with texts. 1024 fixed
 * dimensions; up to 96 texts per call and 2048 characters per text. `embedding_types` is sent
 * only when more than float is asked for, so the plain text body stays as it always was.
 *
 * Truncation: Bedrock's schema check rejects any text over 2048 characters whatever
 * `truncate` says, so with `truncate: START` or `END` this client cuts over-long texts to
 * 2048 characters itself, from the same side (START drops the beginning, END the end), and
 * the model then drops any tokens beyond its 512-token context from that side too.
 */
export const cohereV3: ModelFamily = {
  name: "cohere-v3",
  modelIds: ["cohere.embed-english-v3", "cohere.embed-multilingual-v3"],
  limits: { textsPerCall: 96, charactersPerText: MAX_CHARACTERS, tokensPerText: 512 },
  dimensions: { default: 1024, allowed: [1024], fixed: true },
  serverNormalize: false,
  tokenSource: "header",
  truncateModes: ["NONE", "START", "END"],
  inputTypes: COHERE_INPUT_TYPES,
  defaultInputType: cohereInputType,
  modalities: ["text", "image"],
  embeddingTypes: COHERE_EMBEDDING_TYPES,
  media: {
    imageFormats: ["png", "jpeg"],
    imageBytes: 5_000_000,
    imagePixels: undefined,
    audioFormats: [],
    videoFormats: [],
    inlineBase64Bytes: undefined,
    requestBytes: 25_000_000,
    s3Sources: false,
    inputsPerCall: 1,
  },
  typedLength: cohereTypedLength,
  fitText: cutToCodePoints(MAX_CHARACTERS),
  buildBody(inputs, settings) {
    if (modalityOfCall(inputs, "cohere-v3") !== "image") {
      return {
        texts: textsOf(inputs, "cohere-v3"),
        input_type: settings.inputType,
        ...(settings.truncate === undefined ? {} : { truncate: settings.truncate }),
        ...(wantsTypes(settings.embeddingTypes) ? { embedding_types: [...settings.embeddingTypes] } : {}),
      };
    }
    return {
      images: inputs.map((input) => imageDataUri(imageOf(input, "cohere-v3"), "cohere-v3")),
      input_type: "image",
      ...(wantsTypes(settings.embeddingTypes) ? { embedding_types: [...settings.embeddingTypes] } : {}),
    };
  },
  parseResponse: parseCohereEmbeddings,
};
