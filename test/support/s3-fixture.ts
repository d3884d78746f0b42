import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

/** s3rver's built-in key pair: the only one it accepts signatures from. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

/** A real S3-compatible server (s3rver) on a free loopback port, storing in a temporary folder. */
export interface S3Fixture {
  endpoint: string;
  client: S3Client;
  /** The `s3` settings for clients of this server. */
  settings: { endpoint: string; credentials: typeof S3RVER_CREDENTIALS };
  createBucket(name: string): Promise<void>;
  put(uri: string, body: string | Uint8Array, metadata?: Record<string, string>): Promise<void>;
  read(uri: string): Promise<string | undefined>;
  close(): Promise<void>;
}

export async function startS3Fixture(): Promise<S3Fixture> {
  // s3rver is CommonJS without type declarations.
  const S3rver = createRequire(import.meta.url)("s3rver") as S3rverConstructor;
  const directory = await mkdtemp(join(tmpdir(), "s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    // A copy: the SDK writes a `$source` marker onto the credentials object it is given.
    credentials: { ...S3RVER_CREDENTIALS },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const split = (uri: string) => {
    const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
    if (!match) throw new Error(`not an S3 URI: ${uri}`);
    return { Bucket: match[1]!, Key: match[2]! };
  };
  return {
    endpoint,
    client,
    get settings() {
      return { endpoint, credentials: { ...S3RVER_CREDENTIALS } };
    },
    createBucket: async (name) => {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    put: async (uri, body, metadata) => {
      await client.send(new PutObjectCommand({ ...split(uri), Body: body, Metadata: metadata }));
    },
    read: async (uri) => {
      try {
        const output = await client.send(new GetObjectCommand(split(uri)));
        return await output.Body?.transformToString("utf8");
      } catch (error) {
        if ((error as { name?: string }).name === "NoSuchKey") return undefined;
        throw error;
      }
    },
    close: async () => {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
