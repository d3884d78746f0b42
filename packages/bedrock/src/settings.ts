import {
  type BedrockEmbedderOptions,
  ConfigurationError,
  type EmbeddingType,
} from "@bedrock-embeddings/core";
import { familyByName } from "./families/catalog.js";
import type { FamilyName, ModelFamily, TruncateMode } from "./families/model-family.js";
import { checkInvocable, type ResolvedModel, resolveModel } from "./model-id.js";
import type { ScheduleSettings } from "./schedule/create-scheduler.js";

/**
 * Ceiling of the adaptive concurrency when `maxConcurrency` is not set: high enough for
 * 12,000 requests a minute at 60 ms per call with headroom; the controller only grows towards
 * it while calls keep succeeding.
 */
export const DEFAULT_MAX_CONCURRENCY = 64;

/** Calls in flight before anything is known about the quota: few, as a small quota may be all there is. */
export const DEFAULT_INITIAL_CONCURRENCY = 4;

/**
 * The scheduling options with their defaults: the adaptive ceiling, the start, the budgets.
 *
 * @example
 * scheduleSettings(bedrockEmbedderOptionsSchema.parse({})); // { maxConcurrency: 64, initialConcurrency: 4, adaptive: true, ... }
 */
export function scheduleSettings(options: BedrockEmbedderOptions): ScheduleSettings {
  const maxConcurrency = options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
  return {
    maxConcurrency,
    initialConcurrency: Math.min(options.initialConcurrency ?? DEFAULT_INITIAL_CONCURRENCY, maxConcurrency),
    requestsPerMinute: options.requestsPerMinute,
    tokensPerMinute: options.tokensPerMinute,
    adaptive: options.adaptive ?? true,
  };
}

/** The validated, family-checked settings an embedder runs with. */
export interface EmbedderSettings extends ScheduleSettings {
  model: ResolvedModel;
  family: ModelFamily;
  /** The dimension to request in every body (family default when not configured). */
  requestDimensions: number;
  /** The dimension every vector must have, when known before any call. */
  knownDimension: number | undefined;
  normalize: boolean;
  inputType: string | undefined;
  truncate: TruncateMode | undefined;
  /** Encodings `embedInputs` asks for by default; float when not configured. */
  embeddingTypes: readonly EmbeddingType[];
  maxAttempts: number;
  requestTimeoutMs: number | undefined;
}

/**
 * The model behind an application inference profile, as the control plane named it.
 *
 * @example
 * const behind: ProfileTarget = { family: "cohere-v4", baseModelId: "cohere.embed-v4:0" };
 */
export interface ProfileTarget {
  family: FamilyName;
  baseModelId: string | undefined;
}

/**
 * Checks schema-valid options against the model family (dimensions, truncate, inputType,
 * embeddingTypes, whether the id can be invoked) and works out the output dimension. `target`
 * is what a control-plane lookup found behind an application inference profile. Throws
 * ConfigurationError with the option's path.
 */
export function resolveSettings(options: BedrockEmbedderOptions, target?: ProfileTarget): EmbedderSettings {
  const model: ResolvedModel = target
    ? { ...resolveModel(options.model, target.family), baseModelId: target.baseModelId, known: true }
    : resolveModel(options.model, options.family);
  if (target && options.family !== undefined && options.family !== target.family) {
    throw new ConfigurationError(
      `"${options.model}" is an application inference profile for a ${target.family} model, but family is "${options.family}".`,
      { path: "family", allowed: [target.family], fix: `Set family to "${target.family}" or remove it.` },
    );
  }
  checkInvocable(model);
  const family = familyByName(model.family)!;
  const requestDimensions = checkDimensions(family, options.dimensions);
  // A catalog model, or a family whose size is chosen by request, pins the dimension. An unknown
  // model of a fixed family (a custom or provisioned model) is probed unless `dimensions` says.
  const knownDimension = model.known || !family.dimensions.fixed ? requestDimensions : options.dimensions;
  return {
    model,
    family,
    requestDimensions,
    knownDimension,
    normalize: options.normalize,
    inputType: checkInputType(family, options.inputType),
    truncate: checkTruncate(family, options.truncate),
    embeddingTypes: checkEmbeddingTypes(family, options.embeddingTypes),
    ...scheduleSettings(options),
    maxAttempts: options.maxAttempts,
    requestTimeoutMs: options.requestTimeoutMs,
  };
}

function checkDimensions(family: ModelFamily, dimensions: number | undefined): number {
  if (dimensions === undefined) return family.dimensions.default;
  if (family.dimensions.allowed.includes(dimensions)) return dimensions;
  const problem = family.dimensions.fixed
    ? `${family.name} models always return ${family.dimensions.default} dimensions; ${dimensions} cannot be requested.`
    : `${family.name} models cannot return ${dimensions} dimensions.`;
  throw new ConfigurationError(problem, {
    path: "dimensions",
    allowed: family.dimensions.allowed,
    fix: family.dimensions.fixed
      ? "Remove dimensions, or size your vector index for this model's fixed dimension."
      : "Pick one of the allowed sizes and size your vector index to match.",
  });
}

function checkTruncate(family: ModelFamily, truncate: TruncateMode | undefined): TruncateMode | undefined {
  if (truncate === undefined || family.truncateModes.includes(truncate)) return truncate;
  const hint =
    family.name === "cohere-v4" && (truncate === "START" || truncate === "END")
      ? " Cohere v4 names them LEFT (drop the start) and RIGHT (drop the end)."
      : family.name === "cohere-v3" && (truncate === "LEFT" || truncate === "RIGHT")
        ? " Cohere v3 names them START (drop the start) and END (drop the end)."
        : family.truncateModes.length === 1
          ? ` ${family.name} cannot truncate; shorten inputs instead.`
          : "";
  throw new ConfigurationError(`truncate "${truncate}" is not supported by ${family.name} models.`, {
    path: "truncate",
    allowed: family.truncateModes,
    fix: `Use one of the allowed values.${hint}`,
  });
}

/**
 * The encodings to request, checked against the family: no duplicates, each one the family
 * returns. Float alone when `types` is undefined.
 *
 * @example
 * checkEmbeddingTypes(MODEL_FAMILIES["titan-text-v2"], ["float", "binary"]); // ["float", "binary"]
 */
export function checkEmbeddingTypes(
  family: ModelFamily,
  types: readonly EmbeddingType[] | undefined,
  path = "embeddingTypes",
): readonly EmbeddingType[] {
  if (types === undefined) return ["float"];
  const unsupported = types.filter((type) => !family.embeddingTypes.includes(type));
  if (unsupported.length > 0) {
    throw new ConfigurationError(
      `${family.name} models cannot return ${unsupported.join(", ")} embeddings.`,
      {
        path,
        allowed: family.embeddingTypes,
        fix:
          family.embeddingTypes.length === 1
            ? `Remove ${path}; ${family.name} returns floats only.`
            : "Request only the allowed types.",
      },
    );
  }
  const repeated = types.filter((type, position) => types.indexOf(type) !== position);
  if (repeated.length > 0) {
    throw new ConfigurationError(`${path} lists ${repeated.join(", ")} more than once.`, {
      path,
      fix: "List each type once.",
    });
  }
  return [...types];
}

/**
 * `inputType` checked against the family's modes (Cohere `input_type`, Nova `embeddingPurpose`).
 *
 * @example
 * checkInputType(MODEL_FAMILIES["nova-multimodal"], "IMAGE_RETRIEVAL"); // "IMAGE_RETRIEVAL"
 */
export function checkInputType(
  family: ModelFamily,
  inputType: string | undefined,
  path = "inputType",
): string | undefined {
  if (inputType === undefined || family.inputTypes.includes(inputType)) return inputType;
  if (family.inputTypes.length === 0) {
    throw new ConfigurationError(`${family.name} models have no input type.`, {
      path,
      fix: "Remove inputType; it only applies to Cohere (input_type) and Nova (embeddingPurpose) models.",
    });
  }
  throw new ConfigurationError(`inputType "${inputType}" is not supported by ${family.name} models.`, {
    path,
    allowed: family.inputTypes,
    fix: "Use one of the allowed values, or remove inputType to pick it from the memory action.",
  });
}
