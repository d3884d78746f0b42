import { COHERE_INPUT_TYPES, cohereInputType, parseCohereResponse } from "./cohere-shared.js";
import type { ModelFamily } from "./model-family.js";

/**
 * Cohere Embed v4. Body `{texts, input_type, output_dimension, embedding_types: ["float"], truncate?}`;
 * `output_dimension` is always sent (default 1536). Truncate is NONE, LEFT or RIGHT (v4's
 * names; START/END are v3's). The model's limit is 128k tokens per text, enforced by the
 * service; the 500,000-character pre-send ceiling only catches runaway inputs.
 */
export const cohereV4: ModelFamily = {
  name: "cohere-v4",
  modelIds: ["cohere.embed-v4:0"],
  limits: { textsPerCall: 96, charactersPerText: 500_000, tokensPerText: 128_000 },
  dimensions: { default: 1536, allowed: [256, 512, 1024, 1536], fixed: false },
  serverNormalize: false,
  tokenSource: "header",
  truncateModes: ["NONE", "LEFT", "RIGHT"],
  inputTypes: COHERE_INPUT_TYPES,
  defaultInputType: cohereInputType,
  // The service truncates tokens itself; there is no character schema limit to fit.
  fitText: (text) => text,
  buildBody: (texts, settings) => ({
    texts: [...texts],
    input_type: settings.inputType,
    output_dimension: settings.dimensions,
    embedding_types: ["float"],
    ...(settings.truncate === undefined ? {} : { truncate: settings.truncate }),
  }),
  parseResponse: parseCohereResponse,
};
