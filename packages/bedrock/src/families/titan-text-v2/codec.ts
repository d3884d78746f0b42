import type { ModelFamily } from "../model-family.js";
import { singleText } from "../response-shape.js";
import { parseTitanTypedResponse } from "../titan/titan-response.js";
import { textsOf, unpackedLength, wantsTypes } from "../wire-inputs.js";

/**
 * Titan Text Embeddings V2. Body `{inputText, dimensions, normalize, embeddingTypes?}`:
 * `dimensions` is always sent so the output size never depends on a service default, and
 * `normalize` carries the embedder's setting (the server normalizes floats; no client pass).
 * `embeddingTypes` is sent only when more than float is asked for; `binary` comes back as one
 * 0/1 value per dimension. 50,000 characters or 8,192 tokens.
 */
export const titanTextV2: ModelFamily = {
  name: "titan-text-v2",
  modelIds: ["amazon.titan-embed-text-v2:0"],
  batchJobs: true,
  limits: { textsPerCall: 1, charactersPerText: 50_000, tokensPerText: 8192 },
  dimensions: { default: 1024, allowed: [256, 512, 1024], fixed: false },
  serverNormalize: true,
  tokenSource: "body",
  truncateModes: ["NONE"],
  inputTypes: [],
  defaultInputType: () => undefined,
  modalities: ["text"],
  embeddingTypes: ["float", "binary"],
  media: undefined,
  typedLength: unpackedLength,
  fitText: (text) => text,
  buildBody: (inputs, settings) => ({
    inputText: singleText(textsOf(inputs, "titan-text-v2"), "titan-text-v2"),
    dimensions: settings.dimensions,
    normalize: settings.normalize,
    ...(wantsTypes(settings.embeddingTypes) ? { embeddingTypes: [...settings.embeddingTypes] } : {}),
  }),
  parseResponse: parseTitanTypedResponse,
};
