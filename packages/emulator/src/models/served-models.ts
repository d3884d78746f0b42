import { cohereEmbedV3 } from "../families/cohere-embed-v3.js";
import { cohereEmbedV4 } from "../families/cohere-embed-v4.js";
import { marengoEmbed27 } from "../families/marengo-embed-2-7.js";
import { marengoEmbed30 } from "../families/marengo-embed-3-0.js";
import type { ModelFamily } from "../families/model-family.js";
import { novaMultimodalEmbeddings } from "../families/nova-multimodal-embeddings.js";
import { titanEmbedImageV1 } from "../families/titan-embed-image-v1.js";
import { titanEmbedTextV1 } from "../families/titan-embed-text-v1.js";
import { titanEmbedTextV2 } from "../families/titan-embed-text-v2.js";

const familiesByModelId = new Map<string, ModelFamily>([
  ["amazon.titan-embed-text-v1", titanEmbedTextV1],
  ["amazon.titan-embed-text-v2:0", titanEmbedTextV2],
  ["cohere.embed-english-v3", cohereEmbedV3],
  ["cohere.embed-multilingual-v3", cohereEmbedV3],
  ["cohere.embed-v4:0", cohereEmbedV4],
  ["amazon.titan-embed-image-v1", titanEmbedImageV1],
  ["amazon.nova-2-multimodal-embeddings-v1:0", novaMultimodalEmbeddings],
  ["twelvelabs.marengo-embed-2-7-v1:0", marengoEmbed27],
  ["twelvelabs.marengo-embed-3-0-v1:0", marengoEmbed30],
]);

// Versioned ids that Bedrock lists for the same foundation model.
const aliases = new Map<string, string>([["amazon.titan-embed-text-v1:2:8k", "amazon.titan-embed-text-v1"]]);

/**
 * The foundation-model ids the emulator serves. Each may also be called with a geo inference-profile
 * prefix (`us.`, `eu.`, `global.`, ...) or as a foundation-model / inference-profile ARN.
 *
 * @example
 * for (const modelId of EMULATOR_MODEL_IDS) report(modelId); // "amazon.titan-embed-text-v1", ...
 */
export const EMULATOR_MODEL_IDS: readonly string[] = Object.freeze([...familiesByModelId.keys()]);

/** The canonical served id for a bare model id, or undefined when the emulator does not serve it. */
export function canonicalModelId(bareModelId: string): string | undefined {
  const modelId = aliases.get(bareModelId) ?? bareModelId;
  return familiesByModelId.has(modelId) ? modelId : undefined;
}

export function familyFor(canonicalId: string): ModelFamily {
  const family = familiesByModelId.get(canonicalId);
  if (!family) throw new Error(`No model family registered for ${canonicalId}`);
  return family;
}
