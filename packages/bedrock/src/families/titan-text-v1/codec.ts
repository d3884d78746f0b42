import type { ModelFamily } from "../model-family.js";
import { singleText } from "../response-shape.js";
import { parseTitanResponse } from "../titan/titan-response.js";
import { textsOf, unpackedLength } from "../wire-inputs.js";

/**
 * Titan Embeddings G1 – Text. Body `{inputText}` and nothing else (any other key is a
 * ValidationException); 1536 fixed dimensions; one text per call; no server normalize.
 * The 50,000-character pre-send ceiling mirrors Titan v2's documented one: the model itself
 * counts 8,192 tokens, which the service enforces.
 */
export const titanTextV1: ModelFamily = {
  name: "titan-text-v1",
  modelIds: ["amazon.titan-embed-text-v1", "amazon.titan-embed-g1-text-02"],
  limits: { textsPerCall: 1, charactersPerText: 50_000, tokensPerText: 8192 },
  dimensions: { default: 1536, allowed: [1536], fixed: true },
  serverNormalize: false,
  tokenSource: "body",
  truncateModes: ["NONE"],
  inputTypes: [],
  defaultInputType: () => undefined,
  modalities: ["text"],
  embeddingTypes: ["float"],
  media: undefined,
  typedLength: unpackedLength,
  fitText: (text) => text,
  buildBody: (inputs) => ({ inputText: singleText(textsOf(inputs, "titan-text-v1"), "titan-text-v1") }),
  parseResponse: parseTitanResponse,
};
