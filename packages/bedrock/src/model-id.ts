import { ConfigurationError, type ModelIdKind, parseModelId } from "@bedrock-embeddings/core";
import { FAMILY_NAMES, familyByName, familyOfModelId, KNOWN_MODEL_IDS } from "./families/catalog.js";
import type { FamilyName } from "./families/model-family.js";

export { GEO_PREFIXES, type ModelIdKind } from "@bedrock-embeddings/core";

/**
 * What `resolveModel` learned from a model id.
 *
 * @example
 * const { family, baseModelId, known } = resolveModel("arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-v4:0");
 */
export interface ResolvedModel {
  /** The id exactly as given; this is what is sent as `modelId`. */
  modelId: string;
  family: FamilyName;
  /** The foundation model id behind it, when the id names one (undefined for profiles and provisioned ARNs). */
  baseModelId: string | undefined;
  kind: ModelIdKind;
  /** True when the catalog knows `baseModelId`, so its dimension is known without a probe. */
  known: boolean;
  /** The geo prefix of a system inference profile, e.g. `us`. */
  geoPrefix: string | undefined;
  /** The region written in an ARN, if any. */
  arnRegion: string | undefined;
}

const KIND_WORDS: Readonly<Record<ModelIdKind, string>> = {
  foundation: "a foundation model",
  "inference-profile": "an inference profile",
  "application-inference-profile": "an application inference profile",
  provisioned: "a provisioned throughput model",
  custom: "a custom model",
  imported: "an imported model",
  "other-arn": "an ARN",
};

/**
 * Works out the model family from any form of model id: bare (`cohere.embed-v4:0`),
 * geo-prefixed (`us.`, `eu.`, `apac.`, `global.`, `jp.`, `au.`, `us-gov.`, `amer.`),
 * foundation-model ARN or system inference-profile ARN. Application inference profiles,
 * provisioned throughput, custom and imported model ARNs do not name their model, so they
 * need `familyOverride`. Throws ConfigurationError when the family cannot be known.
 *
 * @example
 * resolveModel("eu.cohere.embed-v4:0");
 * // { family: "cohere-v4", baseModelId: "cohere.embed-v4:0", kind: "inference-profile", geoPrefix: "eu", ... }
 * resolveModel("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123", "cohere-v4");
 * // { family: "cohere-v4", baseModelId: undefined, kind: "application-inference-profile", ... }
 */
export function resolveModel(modelId: string, familyOverride?: string): ResolvedModel {
  const override = familyOverride === undefined ? undefined : requireFamily(familyOverride);
  const { kind: resolvedKind, bareId, geoPrefix, arnRegion } = parseModelId(modelId);
  const catalogFamily = bareId === undefined ? undefined : familyOfModelId(bareId);
  const base = { modelId, baseModelId: bareId, kind: resolvedKind, geoPrefix, arnRegion };

  if (catalogFamily) {
    if (override && override !== catalogFamily.name) {
      throw new ConfigurationError(
        `model "${modelId}" is a ${catalogFamily.name} model, but family is "${override}".`,
        {
          path: "family",
          allowed: [catalogFamily.name],
          fix: `Remove family (it is resolved from the model id) or set it to "${catalogFamily.name}".`,
        },
      );
    }
    return { ...base, family: catalogFamily.name, known: true };
  }
  if (override) return { ...base, family: override, known: false };

  if (bareId === undefined) {
    throw new ConfigurationError(
      `"${modelId}" is ${KIND_WORDS[resolvedKind]}, which does not name its model, so the family must be given explicitly.`,
      {
        path: "family",
        allowed: FAMILY_NAMES,
        fix: 'Set family to the family of the model behind it, e.g. family: "cohere-v4".',
      },
    );
  }
  throw new ConfigurationError(`unknown model id "${modelId}".`, {
    path: "model",
    allowed: KNOWN_MODEL_IDS,
    fix:
      "Use one of these ids (optionally with a geo prefix such as us.), or set family to one of " +
      `${FAMILY_NAMES.join(", ")} for a model the catalog does not know.`,
  });
}

function requireFamily(name: string): FamilyName {
  const family = familyByName(name);
  if (family) return family.name;
  throw new ConfigurationError(`unknown model family "${name}".`, {
    path: "family",
    allowed: FAMILY_NAMES,
    fix: "Use one of the listed family names, or remove family for a model id the catalog knows.",
  });
}

/**
 * True when the family of `modelId` can only be learned from the control plane: an
 * application inference profile ARN with no `family` given.
 *
 * @example
 * needsProfileLookup("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc", undefined); // true
 * needsProfileLookup("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc", "cohere-v4"); // false
 */
export function needsProfileLookup(modelId: string, family: string | undefined): boolean {
  return family === undefined && parseModelId(modelId).kind === "application-inference-profile";
}

/**
 * Throws ConfigurationError when InvokeModel would refuse this id for its family: Marengo 2.7
 * answers synchronous calls only through an inference profile, never by bare or
 * foundation-model id (those are for async invoke).
 *
 * @example
 * checkInvocable(resolveModel("twelvelabs.marengo-embed-2-7-v1:0")); // throws: use us. or eu.
 * checkInvocable(resolveModel("us.twelvelabs.marengo-embed-2-7-v1:0")); // fine
 */
export function checkInvocable(model: ResolvedModel): void {
  const family = familyByName(model.family);
  if (!family?.onDemandNeedsProfile || model.kind !== "foundation" || model.baseModelId === undefined) return;
  const profiles = ["us", "eu"].map((prefix) => `${prefix}.${model.baseModelId}`);
  throw new ConfigurationError(
    `"${model.modelId}" cannot be invoked directly: ${family.name} models answer InvokeModel only through an inference profile.`,
    {
      path: "model",
      allowed: profiles,
      fix: `Use the inference profile id of your region's geography (${profiles.join(" or ")}); the bare id is for async invoke only.`,
    },
  );
}
