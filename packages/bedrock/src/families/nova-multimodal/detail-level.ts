import { ConfigurationError, type EmbedInputsOptions } from "@bedrock-embeddings/core";
import type { FamilyName } from "../model-family.js";

const DETAIL_LEVELS = ["STANDARD_IMAGE", "DOCUMENT_IMAGE"] as const;

/**
 * Nova's image `detailLevel` option, checked: only nova-multimodal takes it, and only its two
 * documented values. Undefined passes through.
 *
 * @example
 * checkDetailLevel("nova-multimodal", "DOCUMENT_IMAGE"); // "DOCUMENT_IMAGE"
 */
export function checkDetailLevel(
  family: FamilyName,
  level: EmbedInputsOptions["detailLevel"],
): EmbedInputsOptions["detailLevel"] {
  if (level === undefined) return undefined;
  if (family !== "nova-multimodal") {
    throw new ConfigurationError(`detailLevel applies to nova-multimodal models only, not ${family}.`, {
      path: "options.detailLevel",
      fix: "Remove detailLevel.",
    });
  }
  if (DETAIL_LEVELS.includes(level)) return level;
  throw new ConfigurationError(`unknown detailLevel "${String(level)}".`, {
    path: "options.detailLevel",
    allowed: DETAIL_LEVELS,
    fix: "Use one of the allowed values.",
  });
}
