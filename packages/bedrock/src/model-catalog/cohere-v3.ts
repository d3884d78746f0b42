import { firstCodePoints, lastCodePoints } from "../input/code-points.js";
import { COHERE_INPUT_TYPES, cohereInputType, parseCohereResponse } from "./cohere-shared.js";
import type { ModelFamily } from "./model-family.js";

const MAX_CHARACTERS = 2048;

/**
 * Cohere Embed v3 (English, multilingual). Body `{texts, input_type, truncate?}`; 1024 fixed
 * dimensions; up to 96 texts per call and 2048 characters per text.
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
  fitText(text, truncate) {
    if (truncate === "START") return lastCodePoints(text, MAX_CHARACTERS);
    if (truncate === "END") return firstCodePoints(text, MAX_CHARACTERS);
    return text;
  },
  buildBody: (texts, settings) => ({
    texts: [...texts],
    input_type: settings.inputType,
    ...(settings.truncate === undefined ? {} : { truncate: settings.truncate }),
  }),
  parseResponse: parseCohereResponse,
};
