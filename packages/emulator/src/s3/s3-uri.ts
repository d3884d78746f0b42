/** A parsed `s3://bucket/key` location. */
export interface S3Location {
  bucket: string;
  /** May be empty (the bucket itself) or end in "/" (a prefix). */
  key: string;
}

/** The pattern Bedrock's model puts on output `s3Uri`s (async invoke and batch jobs). */
export const bedrockS3UriPattern = /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/;
export const bedrockS3UriPatternText = "s3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?";

/** Splits an `s3://bucket/key` URI; undefined when it is not one. */
export function parseS3Uri(uri: string): S3Location | undefined {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
  if (!match?.[1]) return undefined;
  return { bucket: match[1], key: match[2] ?? "" };
}

/** Appends path parts to an S3 URI with exactly one "/" between them. */
export function joinS3Uri(base: string, ...parts: string[]): string {
  return [base.replace(/\/+$/, ""), ...parts.map((part) => part.replace(/^\/+|\/+$/g, ""))].join("/");
}

/** The last path segment of a key ("in/records.jsonl" -> "records.jsonl"). */
export function baseName(key: string): string {
  return key.slice(key.lastIndexOf("/") + 1);
}
