import type { S3Client } from "@aws-sdk/client-s3";
import { parseS3Uri } from "./s3-uri.js";

/**
 * Where the emulator reads media and batch inputs from and writes async/batch outputs to: any S3-compatible
 * server (s3rver, MinIO, LocalStack, or AWS itself).
 *
 * @example
 * await startEmulator({ s3: { endpoint: "http://127.0.0.1:4568" } });
 */
export interface EmulatorS3Options {
  /** Base URL of the S3-compatible server, e.g. "http://127.0.0.1:4568". */
  endpoint: string;
  /** Signing region for S3 requests; default "us-east-1". */
  region?: string;
  /** Default: s3rver's built-in pair, `{ accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }`. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Path-style addressing (`http://host/bucket/key`); default true, which local servers need. */
  forcePathStyle?: boolean;
}

/** One object read from S3: its bytes and its user metadata (`x-amz-meta-*`, names without the prefix). */
export interface FetchedObject {
  bytes: Buffer;
  metadata: Record<string, string>;
}

/** Why an S3 read or write failed, in words fit for a Bedrock error message or a job's failureMessage. */
export class S3AccessError extends Error {
  constructor(
    readonly uri: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${uri}: ${detail}`, options);
    this.name = "S3AccessError";
  }
}

const s3rverCredentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/** A thin wrapper over `@aws-sdk/client-s3`, loaded only when a job or an S3 media source first needs it. */
export class S3ObjectStore {
  readonly #options: EmulatorS3Options;
  #client: Promise<S3Client> | undefined;

  constructor(options: EmulatorS3Options) {
    this.#options = options;
  }

  async getObject(uri: string): Promise<FetchedObject> {
    const { bucket, key } = this.#location(uri);
    const { GetObjectCommand } = await import("@aws-sdk/client-s3");
    const client = await this.#s3();
    try {
      const output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const bytes = Buffer.from((await output.Body?.transformToByteArray()) ?? new Uint8Array());
      return { bytes, metadata: { ...output.Metadata } };
    } catch (error) {
      throw new S3AccessError(uri, describeS3Error(error), { cause: error });
    }
  }

  async putObject(uri: string, body: string | Buffer, contentType = "application/json"): Promise<void> {
    const { bucket, key } = this.#location(uri);
    const { PutObjectCommand } = await import("@aws-sdk/client-s3");
    const client = await this.#s3();
    try {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
      );
    } catch (error) {
      throw new S3AccessError(uri, describeS3Error(error), { cause: error });
    }
  }

  /** Every key under `prefix` in the bucket of `uri`, following continuation tokens. */
  async listKeys(uri: string): Promise<string[]> {
    const { bucket, key: prefix } = this.#location(uri);
    const { ListObjectsV2Command } = await import("@aws-sdk/client-s3");
    const client = await this.#s3();
    const keys: string[] = [];
    let continuationToken: string | undefined;
    try {
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: continuationToken }),
        );
        for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
        continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (continuationToken);
    } catch (error) {
      throw new S3AccessError(uri, describeS3Error(error), { cause: error });
    }
    return keys;
  }

  close(): void {
    const client = this.#client;
    this.#client = undefined;
    client?.then((created) => created.destroy()).catch(() => undefined);
  }

  #location(uri: string): { bucket: string; key: string } {
    const location = parseS3Uri(uri);
    if (!location) throw new S3AccessError(uri, "not an s3://bucket/key URI");
    return location;
  }

  #s3(): Promise<S3Client> {
    this.#client ??= import("@aws-sdk/client-s3").then(
      ({ S3Client: Client }) =>
        new Client({
          endpoint: this.#options.endpoint,
          region: this.#options.region ?? "us-east-1",
          credentials: { ...(this.#options.credentials ?? s3rverCredentials) },
          forcePathStyle: this.#options.forcePathStyle ?? true,
          // Local S3 servers know nothing of the newer flexible checksums; only send them where S3 requires them.
          requestChecksumCalculation: "WHEN_REQUIRED",
          responseChecksumValidation: "WHEN_REQUIRED",
          maxAttempts: 2,
        }),
    );
    return this.#client;
  }
}

function describeS3Error(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const name = error.name && error.name !== "Error" ? error.name : "";
    const parts = [name, status === undefined ? "" : `(HTTP ${status})`, error.message].filter(Boolean);
    return [...new Set(parts)].join(" ");
  }
  return String(error);
}
