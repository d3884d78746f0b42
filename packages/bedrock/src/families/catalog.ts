import { cohereV3 } from "./cohere-v3/codec.js";
import { cohereV4 } from "./cohere-v4/codec.js";
import { marengo27 } from "./marengo-2-7/codec.js";
import { marengo30 } from "./marengo-3-0/codec.js";
import type { FamilyName, ModelFamily } from "./model-family.js";
import { novaMultimodal } from "./nova-multimodal/codec.js";
import { titanMultimodal } from "./titan-multimodal/codec.js";
import { titanTextV1 } from "./titan-text-v1/codec.js";
import { titanTextV2 } from "./titan-text-v2/codec.js";

/**
 * Every model family this package knows, by name: wire format, limits, dimensions.
 *
 * @example
 * MODEL_FAMILIES["titan-text-v2"].dimensions.allowed; // [256, 512, 1024]
 * Object.keys(MODEL_FAMILIES); // ["titan-text-v1", "titan-text-v2", "titan-multimodal", "cohere-v3", ...]
 */
export const MODEL_FAMILIES: Readonly<Record<FamilyName, ModelFamily>> = Object.freeze({
  "titan-text-v1": titanTextV1,
  "titan-text-v2": titanTextV2,
  "titan-multimodal": titanMultimodal,
  "cohere-v3": cohereV3,
  "cohere-v4": cohereV4,
  "nova-multimodal": novaMultimodal,
  "marengo-2-7": marengo27,
  "marengo-3-0": marengo30,
});

/**
 * The family names, in catalog order (the values `family` accepts).
 *
 * @example
 * FAMILY_NAMES.includes("cohere-v4"); // true
 */
export const FAMILY_NAMES: readonly FamilyName[] = Object.freeze(Object.keys(MODEL_FAMILIES) as FamilyName[]);

/**
 * Every bare model id the catalog recognizes without an explicit `family`.
 *
 * @example
 * KNOWN_MODEL_IDS.includes("cohere.embed-english-v3"); // true
 */
export const KNOWN_MODEL_IDS: readonly string[] = Object.freeze(
  FAMILY_NAMES.flatMap((name) => MODEL_FAMILIES[name].modelIds),
);

/** The family called `name`, or undefined. */
export function familyByName(name: string): ModelFamily | undefined {
  return Object.hasOwn(MODEL_FAMILIES, name) ? MODEL_FAMILIES[name as FamilyName] : undefined;
}

/**
 * The family of a bare model id: an exact catalog id, or a catalog id followed by a `:`
 * variant suffix (`amazon.titan-embed-text-v1:2:8k`, the provisioned-throughput variants).
 */
export function familyOfModelId(bareId: string): ModelFamily | undefined {
  for (const name of FAMILY_NAMES) {
    const family = MODEL_FAMILIES[name];
    if (family.modelIds.some((known) => bareId === known || bareId.startsWith(`${known}:`))) return family;
  }
  return undefined;
}
