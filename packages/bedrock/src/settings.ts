import { type BedrockEmbedderOptions, ConfigurationError } from "@bedrock-embeddings/core";
import { familyByName } from "./model-catalog/catalog.js";
import type { ModelFamily, TruncateMode } from "./model-catalog/model-family.js";
import { type ResolvedModel, resolveModel } from "./model-id.js";

/** The validated, family-checked settings an embedder runs with. */
export interface EmbedderSettings {
  model: ResolvedModel;
  family: ModelFamily;
  /** The dimension to request in every body (family default when not configured). */
  requestDimensions: number;
  /** The dimension every vector must have, when known before any call. */
  knownDimension: number | undefined;
  normalize: boolean;
  inputType: string | undefined;
  truncate: TruncateMode | undefined;
  maxConcurrency: number;
  maxAttempts: number;
  requestTimeoutMs: number | undefined;
}

/**
 * Checks schema-valid options against the model family (dimensions, truncate, inputType) and
 * works out the output dimension. Throws ConfigurationError with the option's path.
 */
export function resolveSettings(options: BedrockEmbedderOptions): EmbedderSettings {
  const model = resolveModel(options.model, options.family);
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
    maxConcurrency: options.maxConcurrency,
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

function checkInputType(family: ModelFamily, inputType: string | undefined): string | undefined {
  if (inputType === undefined || family.inputTypes.includes(inputType)) return inputType;
  if (family.inputTypes.length === 0) {
    throw new ConfigurationError(`${family.name} models have no input type.`, {
      path: "inputType",
      fix: "Remove inputType; it only applies to Cohere models.",
    });
  }
  throw new ConfigurationError(`inputType "${inputType}" is not supported by ${family.name} models.`, {
    path: "inputType",
    allowed: family.inputTypes,
    fix: "Use one of the allowed values, or remove inputType to pick it from the memory action.",
  });
}
