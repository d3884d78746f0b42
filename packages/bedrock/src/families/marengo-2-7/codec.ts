import {
  MARENGO_CHARACTERS_PER_TOKEN,
  MARENGO_MEDIA,
  marengoMediaSource,
  parseMarengoResponse,
} from "../marengo/marengo-shared.js";
import type { ModelFamily, RequestSettings, WireInput } from "../model-family.js";
import { singleInput, unpackedLength } from "../wire-inputs.js";

const FAMILY = "marengo-2-7";
const MAX_TOKENS = 77;

/**
 * TwelveLabs Marengo Embed 2.7, synchronously: text `{inputType: "text", inputText,
 * textTruncate}` or image `{inputType: "image", mediaSource}` (base64 or S3). InvokeModel only
 * works through an inference profile (`us.` or `eu.` id); the bare id is for async invoke.
 * 1024 fixed dimensions; 77 tokens of text, checked as at most 462 characters before sending
 * unless `truncate: END`, which sends `textTruncate: "end"` and lets the model cut the end. The
 * service's own default is to cut; this client sends `"none"` otherwise, so an over-long text
 * fails as it does with every other family unless truncation was asked for.
 */
export const marengo27: ModelFamily = {
  name: FAMILY,
  modelIds: ["twelvelabs.marengo-embed-2-7-v1:0"],
  onDemandNeedsProfile: true,
  limits: {
    textsPerCall: 1,
    charactersPerText: MAX_TOKENS * MARENGO_CHARACTERS_PER_TOKEN,
    tokensPerText: MAX_TOKENS,
  },
  dimensions: { default: 1024, allowed: [1024], fixed: true },
  serverNormalize: false,
  tokenSource: "header",
  truncateModes: ["NONE", "END"],
  inputTypes: [],
  defaultInputType: () => undefined,
  modalities: ["text", "image"],
  embeddingTypes: ["float"],
  media: MARENGO_MEDIA,
  typedLength: unpackedLength,
  // The model cuts tokens itself when asked (textTruncate: "end"); there is no schema limit to fit.
  fitText: (text) => text,
  buildBody: (inputs, settings) => body(singleInput(inputs, FAMILY), settings),
  parseResponse: parseMarengoResponse,
};

function body(input: WireInput, settings: RequestSettings): Record<string, unknown> {
  if (input.modality === "text") {
    return {
      inputType: "text",
      inputText: input.text,
      textTruncate: settings.truncate === "END" ? "end" : "none",
    };
  }
  if (input.modality === "image") return { inputType: "image", mediaSource: marengoMediaSource(input.image) };
  throw new Error(`${FAMILY}: a ${input.modality} input reached the codec; a planner bug.`);
}
