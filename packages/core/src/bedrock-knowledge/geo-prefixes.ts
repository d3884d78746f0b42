/**
 * Geo prefixes of Bedrock's cross-region (system) inference profiles, e.g. `us.cohere.embed-v4:0`:
 * the geographies AWS documents (US, EU, APAC, JP, AU, US GovCloud, global) plus `amer`, which
 * Bedrock serves and langchain-aws recognises. `ca.`, `sa.` and `ap.` are not profile prefixes:
 * an id starting with them is an unknown model, not a profile. The emulator keeps its own copy of
 * this list; test/geo-prefix-conformance.e2e.test.ts checks the two agree.
 *
 * @example
 * GEO_PREFIXES.includes("apac"); // true
 */
export const GEO_PREFIXES = ["us", "eu", "apac", "global", "jp", "au", "us-gov", "amer"] as const;

/**
 * One of the geo prefixes of cross-region inference profiles.
 *
 * @example
 * const prefix: GeoPrefix = "eu";
 */
export type GeoPrefix = (typeof GEO_PREFIXES)[number];

/**
 * Splits a model id into its geo prefix (if it has one) and the foundation model id behind it.
 *
 * @example
 * splitGeoPrefix("eu.cohere.embed-v4:0"); // { bareId: "cohere.embed-v4:0", geoPrefix: "eu" }
 * splitGeoPrefix("ca.amazon.titan-embed-text-v2:0"); // { bareId: "ca.amazon.titan-embed-text-v2:0", geoPrefix: undefined }
 */
export function splitGeoPrefix(id: string): { bareId: string; geoPrefix: GeoPrefix | undefined } {
  for (const prefix of GEO_PREFIXES) {
    if (id.startsWith(`${prefix}.`)) return { bareId: id.slice(prefix.length + 1), geoPrefix: prefix };
  }
  return { bareId: id, geoPrefix: undefined };
}
