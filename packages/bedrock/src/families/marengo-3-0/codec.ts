import {
  MARENGO_CHARACTERS_PER_TOKEN,
  MARENGO_MEDIA,
  marengoMediaSource,
  parseMarengoResponse,
} from "../marengo/marengo-shared.js";
import type { ModelFamily, WireInput } from "../model-family.js";
import { singleInput, unpackedLength } from "../wire-inputs.js";

const FAMILY = "marengo-3-0";
const MAX_TOKENS = 500;

/**
 * TwelveLabs Marengo Embed 3.0, synchronously. The input sits under a key named after
 * `inputType`: `{inputType: "text", text: {inputText}}`, `{inputType: "image", image:
 * {mediaSource}}` or `{inputType: "text_image", text_image: {inputText, mediaSource}}`
 * (media as base64 or S3). 512 fixed dimensions; 500 tokens of text (checked as at most
 * 3,000 characters before sending; no truncation option); images up to 5 MB. Invocable by
 * bare id (us-east-1, ap-northeast-2) or `us.`/`eu.` profile.
 */
export const marengo30: ModelFamily = {
  name: FAMILY,
  modelIds: ["twelvelabs.marengo-embed-3-0-v1:0"],
  limits: {
    textsPerCall: 1,
    charactersPerText: MAX_TOKENS * MARENGO_CHARACTERS_PER_TOKEN,
    tokensPerText: MAX_TOKENS,
  },
  dimensions: { default: 512, allowed: [512], fixed: true },
  serverNormalize: false,
  tokenSource: "header",
  truncateModes: ["NONE"],
  inputTypes: [],
  defaultInputType: () => undefined,
  modalities: ["text", "image", "text-image"],
  embeddingTypes: ["float"],
  media: MARENGO_MEDIA,
  typedLength: unpackedLength,
  fitText: (text) => text,
  buildBody: (inputs) => body(singleInput(inputs, FAMILY)),
  parseResponse: parseMarengoResponse,
};

function body(input: WireInput): Record<string, unknown> {
  switch (input.modality) {
    case "text":
      return { inputType: "text", text: { inputText: input.text } };
    case "image":
      return { inputType: "image", image: { mediaSource: marengoMediaSource(input.image) } };
    case "text-image":
      return {
        inputType: "text_image",
        text_image: { inputText: input.text, mediaSource: marengoMediaSource(input.image) },
      };
    default:
      throw new Error(`${FAMILY}: a ${input.modality} input reached the codec; a planner bug.`);
  }
}
