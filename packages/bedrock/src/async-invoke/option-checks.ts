import { ConfigurationError, InputError } from "@bedrock-embeddings/core";
import type { AsyncModelOptions } from "./async-types.js";

/**
 * Throws ConfigurationError for an option the family does not have: a silently ignored option
 * would give a different result than the caller asked for.
 *
 * @example
 * refuseOtherOptions({ embeddingScopes: ["clip"] }, ["dimensions"], "Nova"); // throws
 */
export function refuseOtherOptions(
  options: AsyncModelOptions,
  allowed: readonly (keyof AsyncModelOptions)[],
  familyLabel: string,
): void {
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || allowed.includes(key as keyof AsyncModelOptions)) continue;
    throw new ConfigurationError(`${familyLabel} async requests have no option ${key}.`, {
      path: `options.${key}`,
      allowed,
      fix: "Remove it, or use the model family it belongs to.",
    });
  }
}

/**
 * Checks a number option against a range; returns it (or undefined when not set).
 *
 * @example
 * numberInRange(5, "segmentation.durationSec", 1, 30); // 5
 */
export function numberInRange(
  value: number | undefined,
  path: string,
  minimum: number,
  maximum: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (Number.isFinite(value) && value >= minimum && value <= maximum) return value;
  throw new ConfigurationError(`${path} is ${value}; it must be between ${minimum} and ${maximum}.`, {
    path,
    fix: `Pick a value from ${minimum} to ${maximum}.`,
  });
}

/**
 * Checks a value (or each value of a list) against the allowed ones.
 *
 * @example
 * oneOf("GENERIC_INDEX", "embeddingPurpose", ["GENERIC_INDEX", "GENERIC_RETRIEVAL"]); // "GENERIC_INDEX"
 */
export function oneOf<Value extends string | number>(
  value: Value,
  path: string,
  allowed: readonly Value[],
): Value {
  if (allowed.includes(value)) return value;
  throw new ConfigurationError(`${path} ${JSON.stringify(value)} is not supported.`, {
    path,
    allowed,
    fix: "Use one of the allowed values.",
  });
}

/**
 * The media format: the one given, else the file extension; checked against `allowed`.
 *
 * @example
 * mediaFormat("s3://media/intro.MP4", undefined, ["mp4", "mov"], "video"); // "mp4"
 */
export function mediaFormat(
  s3Uri: string,
  given: string | undefined,
  allowed: readonly string[],
  type: string,
): string {
  const extension = /\.([a-z0-9]+)$/i.exec(s3Uri)?.[1]?.toLowerCase();
  const format = (given ?? extension)?.toLowerCase().replace(/^jpg$/, "jpeg");
  if (format !== undefined && allowed.includes(format)) return format;
  throw new InputError(
    format === undefined
      ? `cannot tell the ${type} format of ${s3Uri} (no file extension).`
      : `${type} format "${format}" of ${s3Uri} is not supported.`,
    { fix: `Pass format, one of ${allowed.join(", ")}.` },
  );
}
