import { InputError } from "@bedrock-embeddings/core";

/**
 * An S3 location split into bucket and key (the key may be empty or a `prefix/`).
 *
 * @example
 * const location: S3Location = { bucket: "media", key: "clips/intro.mp4" };
 */
export interface S3Location {
  bucket: string;
  key: string;
}

const S3_URI = /^s3:\/\/([^/]+)(?:\/(.*))?$/;
// Bedrock's bucket rule: lower-case letters, digits, dots and hyphens, 3 to 63 characters.
const BUCKET = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/;

/**
 * Splits `s3://bucket/key` into its parts. Throws InputError naming `label` when it is not an S3 URI.
 *
 * @example
 * parseS3Uri("s3://media/clips/intro.mp4"); // { bucket: "media", key: "clips/intro.mp4" }
 */
export function parseS3Uri(uri: string, label = "S3 URI"): S3Location {
  const match = S3_URI.exec(uri);
  const bucket = match?.[1];
  if (!match || bucket === undefined || !BUCKET.test(bucket)) {
    throw new InputError(`${label} ${JSON.stringify(uri)} is not an S3 URI.`, {
      fix: "Write it as s3://bucket/key, with a lower-case bucket name of 3 to 63 characters.",
    });
  }
  return { bucket, key: match[2] ?? "" };
}

/**
 * The `s3://` URI of a bucket and key.
 *
 * @example
 * formatS3Uri({ bucket: "media", key: "out/a.json" }); // "s3://media/out/a.json"
 */
export function formatS3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

/**
 * `base` with path segments appended, one slash between each, whatever slashes they carry.
 *
 * @example
 * joinS3Uri("s3://bucket/out/", "abc123", "output.json"); // "s3://bucket/out/abc123/output.json"
 */
export function joinS3Uri(base: string, ...segments: string[]): string {
  const { bucket, key } = parseS3Uri(base);
  const parts = [key, ...segments]
    .map((part) => part.replace(/^\/+|\/+$/g, ""))
    .filter((part) => part !== "");
  return formatS3Uri({ bucket, key: parts.join("/") });
}

/**
 * The last path segment of an S3 URI (its file name), ignoring a trailing slash.
 *
 * @example
 * s3BaseName("s3://bucket/in/records.jsonl"); // "records.jsonl"
 */
export function s3BaseName(uri: string): string {
  const { key } = parseS3Uri(uri);
  return key.replace(/\/+$/, "").split("/").pop() ?? "";
}
