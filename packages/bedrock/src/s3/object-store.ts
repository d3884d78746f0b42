import {
  GetObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { BedrockApiError, classifyError } from "@bedrock-embeddings/core";
import { formatS3Uri, parseS3Uri } from "./s3-uri.js";

/**
 * The few S3 operations async invocations and batch jobs need, by `s3://` URI. Tests pass an
 * in-memory one; `S3ObjectStore` is the real one.
 *
 * @example
 * const text = await store.readText("s3://bucket/out/abc123/output.json");
 */
export interface ObjectStore {
  /** The object's text; throws BedrockApiError (e.g. `NoSuchKey`) when it cannot be read. */
  readText(uri: string): Promise<string>;
  /** The object's text, or undefined when there is no such object. */
  readTextIfExists(uri: string): Promise<string | undefined>;
  writeText(uri: string, text: string, contentType: string): Promise<void>;
  /** URIs of every object whose key starts with the URI's key, in key order. */
  list(prefixUri: string): Promise<string[]>;
}

const NOT_FOUND = new Set(["NoSuchKey", "NotFound"]);

/**
 * `ObjectStore` over an `S3Client`. Failures become BedrockApiError naming the operation and
 * the URI (its `modelId` is `"s3"`), with the SDK error as `cause`.
 *
 * @example
 * const store = new S3ObjectStore(createS3Client(options, {}, environment));
 */
export class S3ObjectStore implements ObjectStore {
  constructor(private readonly client: S3Client) {}

  async readText(uri: string): Promise<string> {
    const { bucket, key } = parseS3Uri(uri);
    try {
      const output = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await output.Body?.transformToString("utf8")) ?? "";
    } catch (error) {
      throw storageError("GetObject", uri, error);
    }
  }

  async readTextIfExists(uri: string): Promise<string | undefined> {
    try {
      return await this.readText(uri);
    } catch (error) {
      if (
        BedrockApiError.isInstance(error) &&
        (NOT_FOUND.has(error.awsErrorName) || error.httpStatus === 404)
      )
        return undefined;
      throw error;
    }
  }

  async writeText(uri: string, text: string, contentType: string): Promise<void> {
    const { bucket, key } = parseS3Uri(uri);
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: contentType }),
      );
    } catch (error) {
      throw storageError("PutObject", uri, error);
    }
  }

  async list(prefixUri: string): Promise<string[]> {
    const { bucket, key } = parseS3Uri(prefixUri);
    const uris: string[] = [];
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: key, ContinuationToken: token }),
        );
      } catch (error) {
        throw storageError("ListObjectsV2", prefixUri, error);
      }
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined) uris.push(formatS3Uri({ bucket, key: object.Key }));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return uris.sort();
  }
}

function storageError(operation: string, uri: string, error: unknown): BedrockApiError {
  const classification = classifyError(error);
  return new BedrockApiError(
    `S3 ${operation} on ${uri} failed: ${classification.awsErrorName}: ${classification.serviceMessage}`,
    {
      awsErrorName: classification.awsErrorName,
      httpStatus: classification.httpStatus,
      requestId: classification.requestId,
      modelId: "s3",
      retryable: classification.retryable,
      throttling: classification.throttling,
      cause: error,
      fix:
        operation === "PutObject"
          ? "Check that the bucket exists and the credentials may write to it (s3 section of the config for a custom endpoint)."
          : "Check the bucket and key, and that the credentials may read them (s3 section of the config for a custom endpoint).",
    },
  );
}
