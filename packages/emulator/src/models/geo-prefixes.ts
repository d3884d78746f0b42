/**
 * Geo prefixes of the cross-region inference profiles Bedrock serves, read from AWS's documentation
 * (US, EU, APAC, JP, AU, US GovCloud, global, plus `amer`), not from the client. `ca.`, `sa.` and
 * `ap.` are not among them, so ids starting with them are invalid identifiers.
 *
 * @example
 * servedGeoPrefixes.includes("apac"); // true
 */
export const servedGeoPrefixes: readonly string[] = [
  "us-gov",
  "us",
  "eu",
  "apac",
  "global",
  "jp",
  "au",
  "amer",
];

/**
 * Matches a geo-prefixed profile id: group 1 is the prefix, group 2 the model id behind it.
 *
 * @example
 * geoProfileId.exec("eu.cohere.embed-v4:0")?.[2]; // "cohere.embed-v4:0"
 */
export const geoProfileId = new RegExp(`^(${servedGeoPrefixes.join("|")})\\.(.+)$`);
