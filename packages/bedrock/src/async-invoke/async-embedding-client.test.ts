import {
  type BedrockRuntimeClient,
  GetAsyncInvokeCommand,
  ListAsyncInvokesCommand,
  StartAsyncInvokeCommand,
} from "@aws-sdk/client-bedrock-runtime";
import {
  BedrockApiError,
  ConfigurationError,
  JobError,
  ResponseError,
  VectorError,
} from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { toJsonLines } from "../s3/jsonl.js";
import { fakeClock, MemoryObjectStore } from "../s3/memory-object-store.test-helpers.js";
import { AsyncEmbeddingClient } from "./async-embedding-client.js";

const NOVA = "amazon.nova-2-multimodal-embeddings-v1:0";
const MARENGO_3 = "twelvelabs.marengo-embed-3-0-v1:0";
const ARN = "arn:aws:bedrock:us-east-1:123456789012:async-invoke/abc123def456";
const FOLDER = "s3://bucket/out/abc123def456";

interface Fake {
  client: BedrockRuntimeClient;
  sent: unknown[];
  statuses: Record<string, unknown>[];
}

function fakeRuntime(statuses: Record<string, unknown>[] = [], failWith?: unknown): Fake {
  const fake: Fake = {
    sent: [],
    statuses,
    client: {
      send: async (command: unknown) => {
        fake.sent.push(command);
        if (failWith) throw failWith;
        if (command instanceof StartAsyncInvokeCommand) return { invocationArn: ARN };
        if (command instanceof GetAsyncInvokeCommand) {
          return fake.statuses.length > 1 ? fake.statuses.shift() : fake.statuses[0];
        }
        if (command instanceof ListAsyncInvokesCommand) return { asyncInvokeSummaries: fake.statuses };
        throw new Error("unexpected command");
      },
    } as unknown as BedrockRuntimeClient,
  };
  return fake;
}

function status(state: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    invocationArn: ARN,
    modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${NOVA}`,
    status: state,
    submitTime: new Date("2025-01-01T00:00:00Z"),
    outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://bucket/out" } },
    ...extra,
  };
}

function client(fake: Fake, store = new MemoryObjectStore(), config: Record<string, unknown> = {}) {
  return new AsyncEmbeddingClient(
    {
      model: NOVA,
      outputS3Uri: "s3://bucket/out/",
      runtimeClient: fake.client,
      objectStore: store,
      ...config,
    },
    { clock: fakeClock(), createToken: () => "token-1" },
  );
}

function novaOutput(store: MemoryObjectStore, results: unknown[], files: Record<string, unknown[]>): void {
  store.objects.set(
    `${FOLDER}/segmented-embedding-result.json`,
    JSON.stringify({ sourceFileUri: "s3://bucket/in/x", embeddingDimension: 2, embeddingResults: results }),
  );
  for (const [name, lines] of Object.entries(files))
    store.objects.set(`${FOLDER}/${name}`, toJsonLines(lines));
}

describe("AsyncEmbeddingClient: starting", () => {
  it("uploads inline text for Nova and starts with the S3 source, token and output location", async () => {
    const fake = fakeRuntime();
    const store = new MemoryObjectStore();
    const started = await client(fake, store).startAsyncEmbedding({
      input: "a long document ".repeat(100),
      options: { maxLengthChars: 800 },
      tags: { project: "docs" },
    });
    expect(started).toEqual({
      invocationArn: ARN,
      clientRequestToken: "token-1",
      modelId: NOVA,
      uploadedInputUri: "s3://bucket/out/inputs/token-1.txt",
    });
    expect(store.writes).toEqual([
      {
        uri: "s3://bucket/out/inputs/token-1.txt",
        text: "a long document ".repeat(100),
        contentType: "text/plain; charset=utf-8",
      },
    ]);
    const input = (fake.sent[0] as StartAsyncInvokeCommand).input;
    expect(input).toMatchObject({
      clientRequestToken: "token-1",
      modelId: NOVA,
      outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://bucket/out/" } },
      tags: [{ key: "project", value: "docs" }],
      modelInput: {
        taskType: "SEGMENTED_EMBEDDING",
        segmentedEmbeddingParams: {
          text: {
            source: { s3Location: { uri: "s3://bucket/out/inputs/token-1.txt" } },
            segmentationConfig: { maxLengthChars: 800 },
          },
        },
      },
    });
  });

  it("sends Marengo text inline and uses a given token", async () => {
    const fake = fakeRuntime();
    const store = new MemoryObjectStore();
    await client(fake, store).startAsyncEmbedding({
      model: `us.${MARENGO_3}`,
      input: "a dog on a beach",
      clientRequestToken: "mine",
    });
    expect(store.writes).toEqual([]);
    expect((fake.sent[0] as StartAsyncInvokeCommand).input).toMatchObject({
      clientRequestToken: "mine",
      modelId: MARENGO_3,
      modelInput: { inputType: "text", text: { inputText: "a dog on a beach" } },
    });
  });

  it("refuses a missing output location, empty text and bad S3 URIs before sending", async () => {
    const fake = fakeRuntime();
    const noOutput = new AsyncEmbeddingClient({
      model: NOVA,
      runtimeClient: fake.client,
      objectStore: new MemoryObjectStore(),
    });
    await expect(noOutput.startAsyncEmbedding({ input: "text" })).rejects.toThrow(ConfigurationError);
    await expect(client(fake).startAsyncEmbedding({ input: "  " })).rejects.toThrow(/empty/);
    await expect(
      client(fake).startAsyncEmbedding({ input: { s3Uri: "https://x/y.mp4", type: "video" } }),
    ).rejects.toThrow(/input.s3Uri/);
    expect(fake.sent).toEqual([]);
  });

  it("turns service errors into BedrockApiError without secrets", async () => {
    const serviceError = Object.assign(new Error("Bad request for key wJalrSECRETKEY"), {
      name: "ValidationException",
      $metadata: { httpStatusCode: 400, requestId: "req-9" },
    });
    const fake = fakeRuntime([], serviceError);
    const secretive = client(fake, new MemoryObjectStore(), {
      credentials: { accessKeyId: "AKID", secretAccessKey: "wJalrSECRETKEY" },
    });
    const error = (await secretive
      .startAsyncEmbedding({ input: { s3Uri: "s3://media/v.mp4", type: "video" } })
      .catch((caught: unknown) => caught)) as BedrockApiError;
    expect(BedrockApiError.isInstance(error)).toBe(true);
    expect(error.awsErrorName).toBe("ValidationException");
    expect(error.requestId).toBe("req-9");
    expect(error.message).not.toContain("wJalrSECRETKEY");
    expect(error.cause).toBe(serviceError);
  });
});

describe("AsyncEmbeddingClient: waiting and fetching", () => {
  it("waits through InProgress and reads Nova text segments in order with char offsets", async () => {
    const fake = fakeRuntime([status("InProgress"), status("InProgress"), status("Completed")]);
    const store = new MemoryObjectStore();
    novaOutput(
      store,
      [{ embeddingType: "TEXT", status: "SUCCESS", outputFileUri: `${FOLDER}/embedding-text.jsonl` }],
      {
        "embedding-text.jsonl": [
          {
            embedding: [0, 2],
            segmentMetadata: { segmentIndex: 1, segmentStartCharPosition: 800, segmentEndCharPosition: 1200 },
            status: "SUCCESS",
          },
          {
            embedding: [3, 4],
            segmentMetadata: { segmentIndex: 0, segmentStartCharPosition: 0, segmentEndCharPosition: 799 },
            status: "SUCCESS",
          },
        ],
      },
    );
    const async = client(fake, store);
    const polls: string[] = [];
    const final = await async.waitForAsyncEmbedding(ARN, {
      onPoll: ({ status }) => polls.push(status.status),
    });
    expect(final.status).toBe("Completed");
    expect(polls).toEqual(["InProgress", "InProgress", "Completed"]);
    const result = await async.fetchAsyncEmbeddingResults(ARN);
    expect(result).toMatchObject({
      invocationArn: ARN,
      modelId: NOVA,
      outputS3Uri: FOLDER,
      dimension: 2,
      failures: [],
    });
    expect(result.segments).toEqual([
      { embedding: [0.6, 0.8], embeddingType: "TEXT", segmentIndex: 0, startChar: 0, endChar: 799 },
      { embedding: [0, 1], embeddingType: "TEXT", segmentIndex: 1, startChar: 800, endChar: 1200 },
    ]);
  });

  it("keeps raw vectors when normalize is off, and accepts an output URI that already names the invocation", async () => {
    const fake = fakeRuntime([
      status("Completed", { outputDataConfig: { s3OutputDataConfig: { s3Uri: `${FOLDER}/` } } }),
    ]);
    const store = new MemoryObjectStore();
    novaOutput(
      store,
      [{ embeddingType: "VIDEO", status: "SUCCESS", outputFileUri: `${FOLDER}/embedding-video.jsonl` }],
      {
        "embedding-video.jsonl": [
          {
            embedding: [3, 4],
            segmentMetadata: { segmentIndex: 0, segmentStartSeconds: 0, segmentEndSeconds: 5 },
          },
        ],
      },
    );
    const result = await client(fake, store, { normalize: false }).fetchAsyncEmbeddingResults(ARN);
    expect(result.segments).toEqual([
      { embedding: [3, 4], embeddingType: "VIDEO", segmentIndex: 0, startSec: 0, endSec: 5 },
    ]);
  });

  it("surfaces partial success: failed modality, failed segments, and PARTIAL_SUCCESS without details", async () => {
    const fake = fakeRuntime([status("Completed")]);
    const store = new MemoryObjectStore();
    novaOutput(
      store,
      [
        {
          embeddingType: "VIDEO",
          status: "PARTIAL_SUCCESS",
          outputFileUri: `${FOLDER}/embedding-video.jsonl`,
        },
        {
          embeddingType: "AUDIO",
          status: "FAILURE",
          failureReason: "INVALID_CONTENT",
          message: "no audio track",
        },
        {
          embeddingType: "TEXT",
          status: "PARTIAL_SUCCESS",
          failureReason: "RAI_VIOLATION_INPUT_TEXT_DEFLECTION",
          outputFileUri: `${FOLDER}/embedding-text.jsonl`,
        },
      ],
      {
        "embedding-video.jsonl": [
          {
            embedding: [1, 0],
            segmentMetadata: { segmentIndex: 0, segmentStartSeconds: 0, segmentEndSeconds: 5 },
            status: "SUCCESS",
          },
          {
            segmentMetadata: { segmentIndex: 1 },
            status: "FAILURE",
            failureReason: "INTERNAL_SERVER_EXCEPTION",
            message: "try again",
          },
        ],
        "embedding-text.jsonl": [{ embedding: [0, 1], segmentMetadata: { segmentIndex: 0 } }],
      },
    );
    const result = await client(fake, store).fetchAsyncEmbeddingResults(ARN);
    expect(result.segments.map((segment) => [segment.embeddingType, segment.segmentIndex])).toEqual([
      ["VIDEO", 0],
      ["TEXT", 0],
    ]);
    expect(result.failures).toEqual([
      { embeddingType: "VIDEO", segmentIndex: 1, reason: "INTERNAL_SERVER_EXCEPTION", message: "try again" },
      { embeddingType: "AUDIO", reason: "INVALID_CONTENT", message: "no audio track" },
      {
        embeddingType: "TEXT",
        reason: "RAI_VIOLATION_INPUT_TEXT_DEFLECTION",
        message: "the TEXT embedding reported PARTIAL_SUCCESS.",
      },
    ]);
  });

  it("reads a Nova image result written as one JSON document", async () => {
    const fake = fakeRuntime([status("Completed")]);
    const store = new MemoryObjectStore();
    novaOutput(
      store,
      [{ embeddingType: "IMAGE", status: "SUCCESS", outputFileUri: `${FOLDER}/embedding-image.json` }],
      {},
    );
    store.objects.set(
      `${FOLDER}/embedding-image.json`,
      JSON.stringify({ embedding: [0, 5], status: "SUCCESS" }, null, 2),
    );
    const result = await client(fake, store).fetchAsyncEmbeddingResults(ARN);
    expect(result.segments).toEqual([{ embedding: [0, 1], embeddingType: "IMAGE" }]);
  });

  it("reads Marengo output.json with options, scopes and seconds", async () => {
    const fake = fakeRuntime([
      status("Completed", { modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${MARENGO_3}` }),
    ]);
    const store = new MemoryObjectStore();
    const vector = (first: number) => [first, ...new Array(511).fill(0)];
    store.objects.set(
      `${FOLDER}/output.json`,
      JSON.stringify({
        data: [
          { embedding: vector(2), embeddingOption: "visual", embeddingScope: "clip", startSec: 0, endSec: 6 },
          {
            embedding: vector(-3),
            embeddingOption: "audio",
            embeddingScope: "asset",
            startSec: 0,
            endSec: 12.5,
          },
        ],
      }),
    );
    const result = await client(fake, store).fetchAsyncEmbeddingResults(ARN);
    expect(result.dimension).toBe(512);
    expect(result.segments.map(({ embedding, ...rest }) => ({ first: embedding[0], ...rest }))).toEqual([
      { first: 1, embeddingOption: "visual", scope: "clip", segmentIndex: 0, startSec: 0, endSec: 6 },
      { first: -1, embeddingOption: "audio", scope: "asset", segmentIndex: 1, startSec: 0, endSec: 12.5 },
    ]);
  });

  it("rejects Marengo vectors of the wrong size (ResponseError) and zero vectors (VectorError), as every embedder does", async () => {
    const fake = fakeRuntime([
      status("Completed", { modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${MARENGO_3}` }),
    ]);
    const store = new MemoryObjectStore();
    store.objects.set(`${FOLDER}/output.json`, JSON.stringify({ data: [{ embedding: [1, 2, 3] }] }));
    await expect(client(fake, store).fetchAsyncEmbeddingResults(ARN)).rejects.toThrow(
      /3 dimensions, expected 512/,
    );
    store.objects.set(
      `${FOLDER}/output.json`,
      JSON.stringify({ data: { embedding: new Array(512).fill(0) } }),
    );
    // A zero vector used to be a ResponseError here only; the direct embedder always said VectorError.
    await expect(client(fake, store).fetchAsyncEmbeddingResults(ARN)).rejects.toThrow(VectorError);
    await expect(client(fake, store).fetchAsyncEmbeddingResults(ARN)).rejects.toThrow(
      /^item 0 of s3:\/\/bucket\/out\/abc123def456\/output\.json is all zeros/,
    );
    store.objects.set(
      `${FOLDER}/output.json`,
      JSON.stringify({ data: [{ embedding: [...new Array(511).fill(0.1), null] }] }),
    );
    await expect(client(fake, store).fetchAsyncEmbeddingResults(ARN)).rejects.toThrow(ResponseError);
  });

  it("tells the family by the files written when the model ARN is not a known one", async () => {
    const fake = fakeRuntime([
      status("Completed", { modelArn: "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/xyz" }),
    ]);
    const store = new MemoryObjectStore();
    novaOutput(
      store,
      [{ embeddingType: "AUDIO", status: "SUCCESS", outputFileUri: `${FOLDER}/embedding-audio.jsonl` }],
      {
        "embedding-audio.jsonl": [{ embedding: [1, 1], segmentMetadata: { segmentIndex: 0 } }],
      },
    );
    const result = await client(fake, store).fetchAsyncEmbeddingResults(ARN);
    expect(result.segments[0]?.embeddingType).toBe("AUDIO");
  });

  it("throws JobError with the failure message for a failed invocation, and not-finished for a running one", async () => {
    const failed = fakeRuntime([
      status("Failed", { failureMessage: "The provided S3 object is not a valid video." }),
    ]);
    const error = (await client(failed)
      .fetchAsyncEmbeddingResults(ARN)
      .catch((caught: unknown) => caught)) as JobError;
    expect(JobError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      reason: "failed",
      status: "Failed",
      jobArn: ARN,
      failureMessage: "The provided S3 object is not a valid video.",
    });
    expect(error.message).toContain("The provided S3 object is not a valid video.");

    const running = fakeRuntime([status("InProgress")]);
    await expect(client(running).fetchAsyncEmbeddingResults(ARN)).rejects.toMatchObject({
      reason: "not-finished",
    });
  });

  it("times out waiting with the configured defaults, keeping the ARN to resume", async () => {
    const fake = fakeRuntime([status("InProgress")]);
    const async = client(fake, new MemoryObjectStore(), {
      poll: { pollIntervalMs: 1_000, maxPollIntervalMs: 1_000, timeoutMs: 3_000 },
    });
    const error = (await async.waitForAsyncEmbedding(ARN).catch((caught: unknown) => caught)) as JobError;
    expect(error).toMatchObject({ reason: "timed-out", jobArn: ARN });
    expect(fake.sent).toHaveLength(4);
  });

  it("lists invocations", async () => {
    const fake = fakeRuntime([status("InProgress"), status("Completed")]);
    const { invocations } = await client(fake).listAsyncEmbeddings({ statusEquals: "InProgress" });
    expect(invocations.map((entry) => [entry.status, entry.outputS3Uri])).toEqual([
      ["InProgress", "s3://bucket/out"],
      ["Completed", "s3://bucket/out"],
    ]);
    expect((fake.sent[0] as ListAsyncInvokesCommand).input).toMatchObject({
      statusEquals: "InProgress",
      sortOrder: "Descending",
    });
  });
});
