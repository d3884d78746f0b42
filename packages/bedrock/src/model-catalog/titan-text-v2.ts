import type { ModelFamily } from "./model-family.js";
import { singleText } from "./response-shape.js";
import { parseTitanResponse } from "./titan-response.js";

/**
 * Titan Text Embeddings V2. Body `{inputText, dimensions, normalize}`: `dimensions` is always
 * sent so the output size never depends on a service default, and `normalize` carries the
 * embedder's setting (the server normalizes; no client pass). 50,000 characters or 8,192 tokens.
 */
export const titanTextV2: ModelFamily = {
  name: "titan-text-v2",
  modelIds: ["amazon.titan-embed-text-v2:0"],
  limits: { textsPerCall: 1, charactersPerText: 50_000, tokensPerText: 8192 },
  dimensions: { default: 1024, allowed: [256, 512, 1024], fixed: false },
  serverNormalize: true,
  tokenSource: "body",
  truncateModes: ["NONE"],
  inputTypes: [],
  defaultInputType: () => undefined,
  fitText: (text) => text,
  buildBody: (texts, settings) => ({
    inputText: singleText(texts, "titan-text-v2"),
    dimensions: settings.dimensions,
    normalize: settings.normalize,
  }),
  parseResponse: parseTitanResponse,
};
