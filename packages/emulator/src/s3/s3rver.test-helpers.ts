import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: Array<{ name: string }>;
}) => S3rverInstance;

// s3rver ships no types; this is the part of its API the tests use.
const S3rver = createRequire(import.meta.url)("s3rver") as S3rverConstructor;

/** A real S3-compatible server on loopback (s3rver on a free port, in a temp directory) and a client for it. */
export interface TestS3 {
  endpoint: string;
  client: S3Client;
  put(uri: string, body: string | Buffer, metadata?: Record<string, string>): Promise<void>;
  getText(uri: string): Promise<string>;
  keys(uri: string): Promise<string[]>;
  close(): Promise<void>;
}

function split(uri: string): { Bucket: string; Key: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new Error(`not an S3 URI: ${uri}`);
  return { Bucket: match[1] ?? "", Key: match[2] ?? "" };
}

export async function startTestS3(buckets: string[]): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), "emulator-s3-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  return {
    endpoint,
    client,
    async put(uri, body, metadata) {
      await client.send(new PutObjectCommand({ ...split(uri), Body: body, Metadata: metadata }));
    },
    async getText(uri) {
      const output = await client.send(new GetObjectCommand(split(uri)));
      return (await output.Body?.transformToString()) ?? "";
    },
    async keys(uri) {
      const { Bucket, Key } = split(uri);
      const listed = await client.send(new ListObjectsV2Command({ Bucket, Prefix: Key }));
      return (listed.Contents ?? []).map((object) => object.Key ?? "").sort();
    },
    async close() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Polls `read` until `done` accepts its result (every 25 ms, at most `timeoutMs`). */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
