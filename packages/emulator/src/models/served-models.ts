import type { ModelFamily } from "../families/model-family.js";
import { servedFamilies } from "../families/served-families.js";

const familiesByModelId = new Map<string, ModelFamily>(
  servedFamilies.flatMap((family) => family.modelIds.map((modelId) => [modelId, family] as const)),
);

const variantIds = new Map<string, string>(
  servedFamilies.flatMap((family) => Object.entries(family.variantIds)),
);

/**
 * The foundation-model ids the emulator serves, read from the family folders. Each may also be called
 * with a geo inference-profile prefix (`us.`, `eu.`, `global.`, ...) or as a foundation-model /
 * inference-profile ARN.
 *
 * @example
 * for (const modelId of EMULATOR_MODEL_IDS) report(modelId); // "amazon.titan-embed-text-v1", ...
 */
export const EMULATOR_MODEL_IDS: readonly string[] = Object.freeze([...familiesByModelId.keys()]);

/**
 * The canonical served id for a bare model id (a variant id maps to its model id), or undefined when the
 * emulator does not serve it.
 *
 * @example
 * canonicalModelId("amazon.titan-embed-text-v1:2:8k"); // "amazon.titan-embed-text-v1"
 */
export function canonicalModelId(bareModelId: string): string | undefined {
  const modelId = variantIds.get(bareModelId) ?? bareModelId;
  return familiesByModelId.has(modelId) ? modelId : undefined;
}

/**
 * The family serving a canonical model id (see `canonicalModelId`).
 *
 * @example
 * familyFor("cohere.embed-v4:0").name; // "cohere-v4"
 */
export function familyFor(canonicalId: string): ModelFamily {
  const family = familiesByModelId.get(canonicalId);
  if (!family) throw new Error(`No model family registered for ${canonicalId}`);
  return family;
}

/**
 * What the emulator serves, family by family: a family's name (as the client names it), its model ids,
 * the variant ids that resolve to them, the dimension a request gets by default, and whether InvokeModel
 * serves it only through an inference profile.
 *
 * @example
 * const titan = EMULATOR_FAMILIES.find((family) => family.name === "titan-text-v1");
 * titan?.defaultDimension; // 1536
 */
export interface EmulatorFamily {
  readonly name: string;
  readonly modelIds: readonly string[];
  readonly variantIds: Readonly<Record<string, string>>;
  readonly defaultDimension: number;
  readonly onDemandNeedsProfile: boolean;
}

/**
 * The served families, in the order of `families/served-families.ts`.
 *
 * @example
 * EMULATOR_FAMILIES.map((family) => family.name); // ["titan-text-v1", "titan-text-v2", ...]
 */
export const EMULATOR_FAMILIES: readonly EmulatorFamily[] = Object.freeze(
  servedFamilies.map((family) =>
    Object.freeze({
      name: family.name,
      modelIds: family.modelIds,
      variantIds: family.variantIds,
      defaultDimension: family.defaultDimension,
      onDemandNeedsProfile: family.onDemandNeedsProfile === true,
    }),
  ),
);
