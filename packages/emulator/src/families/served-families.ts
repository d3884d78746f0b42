import { cohereEmbedV3 } from "./cohere-v3/index.js";
import { cohereEmbedV4 } from "./cohere-v4/index.js";
import { marengoEmbed27 } from "./marengo-2-7/index.js";
import { marengoEmbed30 } from "./marengo-3-0/index.js";
import type { ModelFamily } from "./model-family.js";
import { novaMultimodalEmbeddings } from "./nova-multimodal/index.js";
import { titanEmbedImageV1 } from "./titan-multimodal/index.js";
import { titanEmbedTextV1 } from "./titan-text-v1/index.js";
import { titanEmbedTextV2 } from "./titan-text-v2/index.js";

/**
 * Every family the emulator serves, one per folder; `models/served-models.ts` derives its lists from these.
 *
 * @example
 * servedFamilies.map((family) => family.name); // ["titan-text-v1", "titan-text-v2", ...]
 */
export const servedFamilies: readonly ModelFamily[] = Object.freeze([
  titanEmbedTextV1,
  titanEmbedTextV2,
  titanEmbedImageV1,
  cohereEmbedV3,
  cohereEmbedV4,
  novaMultimodalEmbeddings,
  marengoEmbed27,
  marengoEmbed30,
]);
