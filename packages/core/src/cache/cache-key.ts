import { createHash } from "node:crypto";

const KEY_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The content-addressed key of one text's vector: sha256 over the embedder's vector identity
 * (everything but the text that changes the vector) and the text, as lowercase hex.
 *
 * @example
 * cacheKey(embedder.vectorIdentity("search"), "where does Alice live?"); // "3f1c…" (64 hex characters)
 */
export function cacheKey(identity: string, text: string): string {
  return createHash("sha256").update(identity).update("\u0000").update(text).digest("hex");
}

/**
 * True for a string shaped like a `cacheKey` result (stores use keys as file names, so nothing else may pass).
 *
 * @example
 * isCacheKey("abc"); // false
 */
export function isCacheKey(key: unknown): key is string {
  return typeof key === "string" && KEY_PATTERN.test(key);
}

/**
 * A stable string of the settings that shape a vector: keys sorted at every level and
 * undefined values left out, so the same settings always give the same string whatever order
 * they were written in.
 *
 * @example
 * describeVectorIdentity({ provider: "aws_bedrock", model: "cohere.embed-v4:0", dimensions: 512, inputType: "search_query" });
 * // '{"dimensions":512,"inputType":"search_query","model":"cohere.embed-v4:0","provider":"aws_bedrock"}'
 */
export function describeVectorIdentity(parts: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(sortKeys(parts));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) sorted[key] = sortKeys(entry);
  }
  return sorted;
}
