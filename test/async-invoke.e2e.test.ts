import { AsyncEmbeddingClient, type AsyncEmbeddingClientConfig } from "@bedrock-embeddings/bedrock/jobs";
import { JobError, vectorNorm } from "@bedrock-embeddings/core";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  EMULATOR_FAIL_MARKER,
  EMULATOR_PARTIAL_MARKER,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type S3Fixture, startS3Fixture } from "./support/s3-fixture.js";

const NOVA = "amazon.nova-2-multimodal-embeddings-v1:0";
const MARENGO_27 = "twelvelabs.marengo-embed-2-7-v1:0";
const MARENGO_30 = "twelvelabs.marengo-embed-3-0-v1:0";

let s3: S3Fixture;
let emulator: RunningEmulator;
let slowEmulator: RunningEmulator;

beforeAll(async () => {
  s3 = await startS3Fixture();
  await s3.createBucket("media");
  emulator = await startEmulator({ port: 0, s3: { endpoint: s3.endpoint }, asyncJobDelayMs: 50 });
  // Jobs that stay InProgress far longer than any test waits: for timeouts and aborts.
  slowEmulator = await startEmulator({ port: 0, s3: { endpoint: s3.endpoint }, asyncJobDelayMs: 600_000 });
});

afterAll(async () => {
  await emulator?.close();
  await slowEmulator?.close();
  await s3?.close();
});

function client(
  overrides: Partial<AsyncEmbeddingClientConfig> = {},
  target = emulator,
): AsyncEmbeddingClient {
  return new AsyncEmbeddingClient({
    region: "us-east-1",
    endpoint: target.url,
    credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
    model: NOVA,
    outputS3Uri: "s3://media/async-out/",
    s3: s3.settings,
    poll: { pollIntervalMs: 20, maxPollIntervalMs: 200, timeoutMs: 30_000 },
    ...overrides,
  });
}

function paragraphs(count: number): string {
  return Array.from(
    { length: count },
    (_unused, index) =>
      `Paragraph ${index} tells of harbour number ${index} where boats arrive at dawn and leave at dusk.`,
  ).join(" ");
}

describe("async invoke over the emulator and a real S3 server", () => {
  it("embeds a long text with Nova in character segments, in order, from an uploaded input", async () => {
    const text = paragraphs(60);
    const async = client();
    const started = await async.startAsyncEmbedding({
      input: text,
      options: { maxLengthChars: 800, dimensions: 256 },
    });
    expect(started.invocationArn).toMatch(/^arn:aws:bedrock:us-east-1:\d{12}:async-invoke\/[a-z0-9]{12}$/);
    expect(await s3.read(started.uploadedInputUri!)).toBe(text);
    await async.waitForAsyncEmbedding(started.invocationArn);
    const result = await async.fetchAsyncEmbeddingResults(started.invocationArn);

    expect(result.failures).toEqual([]);
    expect(result.dimension).toBe(256);
    expect(result.segments.length).toBeGreaterThanOrEqual(Math.ceil(text.length / 800));
    result.segments.forEach((segment, position) => {
      expect(segment.embeddingType).toBe("TEXT");
      expect(segment.segmentIndex).toBe(position);
      expect(segment.embedding).toHaveLength(256);
      expect(vectorNorm(segment.embedding)).toBeCloseTo(1, 6);
      expect(segment.endChar! - segment.startChar!).toBeLessThanOrEqual(800);
    });
    expect(result.segments[0]?.startChar).toBe(0);
    const starts = result.segments.map((segment) => segment.startChar!);
    expect([...starts].sort((left, right) => left - right)).toEqual(starts);
    expect(result.segments.at(-1)!.endChar).toBeGreaterThanOrEqual(text.length - 1);
    expect(result.outputS3Uri).toBe(`s3://media/async-out/${started.invocationArn.split("/").pop()}`);
  });

  it("embeds a Nova video from S3 in time segments", async () => {
    await s3.put("s3://media/clips/harbour.mp4", new Uint8Array(64), { "duration-seconds": "12" });
    const result = await client().embedAsync({
      input: { s3Uri: "s3://media/clips/harbour.mp4", type: "video" },
      options: { dimensions: 384, segmentation: { method: "fixed", durationSec: 5 } },
    });
    expect(result.failures).toEqual([]);
    expect(
      result.segments.map(({ startSec, endSec, segmentIndex }) => [segmentIndex, startSec, endSec]),
    ).toEqual([
      [0, 0, 5],
      [1, 5, 10],
      [2, 10, 12],
    ]);
    for (const segment of result.segments) expect(segment.embedding).toHaveLength(384);
  });

  it("reads Marengo 3.0 output.json: clips per option, and the asset", async () => {
    await s3.put("s3://media/clips/talk.mp4", new Uint8Array(64), { "duration-seconds": "9" });
    const result = await client({ model: MARENGO_30 }).embedAsync({
      input: { s3Uri: "s3://media/clips/talk.mp4", type: "video" },
      options: {
        segmentation: { method: "fixed", durationSec: 3 },
        embeddingOptions: ["visual", "audio"],
        embeddingScopes: ["clip", "asset"],
      },
    });
    expect(result.modelId).toBe(MARENGO_30);
    expect(result.dimension).toBe(512);
    const clips = result.segments.filter((segment) => segment.scope === "clip");
    expect(new Set(clips.map((segment) => segment.embeddingOption))).toEqual(new Set(["visual", "audio"]));
    expect(
      clips.filter((segment) => segment.embeddingOption === "visual").map((segment) => segment.startSec),
    ).toEqual([0, 3, 6]);
    expect(result.segments.some((segment) => segment.scope === "asset")).toBe(true);
    for (const segment of result.segments) expect(vectorNorm(segment.embedding)).toBeCloseTo(1, 6);
  });

  it("reads Marengo 2.7 output.json for audio, sent with the base id of a geo profile", async () => {
    await s3.put("s3://media/clips/podcast.mp3", new Uint8Array(64), { "duration-seconds": "20" });
    const async = client({ model: `us.${MARENGO_27}` });
    const started = await async.startAsyncEmbedding({
      input: { s3Uri: "s3://media/clips/podcast.mp3", type: "audio" },
      options: { segmentation: { method: "fixed", durationSec: 10 } },
    });
    expect(started.modelId).toBe(MARENGO_27);
    await async.waitForAsyncEmbedding(started.invocationArn);
    const result = await async.fetchAsyncEmbeddingResults(started.invocationArn);
    expect(result.dimension).toBe(1024);
    expect(
      result.segments.map((segment) => [segment.embeddingOption, segment.startSec, segment.endSec]),
    ).toEqual([
      ["audio", 0, 10],
      ["audio", 10, 20],
    ]);
  });

  it("surfaces a failed invocation's message as a JobError", async () => {
    await s3.put(`s3://media/clips/${EMULATOR_FAIL_MARKER}.mp4`, new Uint8Array(64));
    const async = client();
    const { invocationArn } = await async.startAsyncEmbedding({
      input: { s3Uri: `s3://media/clips/${EMULATOR_FAIL_MARKER}.mp4`, type: "video" },
    });
    const final = await async.waitForAsyncEmbedding(invocationArn);
    expect(final.status).toBe("Failed");
    const error = await async.fetchAsyncEmbeddingResults(invocationArn).catch((caught: unknown) => caught);
    expect(JobError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      reason: "failed",
      jobArn: invocationArn,
      failureMessage: final.failureMessage,
    });
    expect((error as JobError).failureMessage).toContain(EMULATOR_FAIL_MARKER);
    expect((error as JobError).message).toContain((error as JobError).failureMessage);
  });

  it("surfaces partial success: the good segments and a failure for each failed one", async () => {
    const text = `${paragraphs(8)} ${EMULATOR_PARTIAL_MARKER} ${paragraphs(8)}`;
    const result = await client().embedAsync({
      input: text,
      options: { maxLengthChars: 800, dimensions: 256 },
    });
    expect(result.failures.length).toBeGreaterThan(0);
    expect(result.segments.length).toBeGreaterThan(0);
    for (const failure of result.failures) {
      expect(failure.embeddingType).toBe("TEXT");
      expect(failure.reason).toMatch(/\S/);
      expect(failure.message).toMatch(/\S/);
    }
    const failedIndexes = result.failures.map((failure) => failure.segmentIndex);
    const embeddedIndexes = result.segments.map((segment) => segment.segmentIndex);
    expect(failedIndexes.every((index) => index !== undefined && !embeddedIndexes.includes(index))).toBe(
      true,
    );
    // Every segment is accounted for: embedded or failed, none missing.
    const all = [...failedIndexes, ...embeddedIndexes].sort((left, right) => left! - right!);
    expect(all).toEqual(all.map((_index, position) => position));
  });

  it("times out waiting, and the invocation can still be read by ARN", async () => {
    const async = client({}, slowEmulator);
    const { invocationArn } = await async.startAsyncEmbedding({ input: "a short text to embed later" });
    const polls: string[] = [];
    const error = await async
      .waitForAsyncEmbedding(invocationArn, {
        timeoutMs: 300,
        pollIntervalMs: 50,
        onPoll: ({ status }) => polls.push(status.status),
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: "timed-out", jobArn: invocationArn, status: "InProgress" });
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls.every((status) => status === "InProgress")).toBe(true);
    await expect(async.fetchAsyncEmbeddingResults(invocationArn)).rejects.toMatchObject({
      reason: "not-finished",
    });
  });

  it("stops waiting when aborted", async () => {
    const async = client({}, slowEmulator);
    const { invocationArn } = await async.startAsyncEmbedding({ input: "another text" });
    const controller = new AbortController();
    const reason = new Error("the user gave up");
    const error = await async
      .waitForAsyncEmbedding(invocationArn, {
        signal: controller.signal,
        pollIntervalMs: 60_000,
        onPoll: () => controller.abort(reason),
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: "aborted", jobArn: invocationArn });
    expect((error as JobError).cause).toBe(reason);
  });

  it("resumes from an ARN in a second client, and lists invocations", async () => {
    const first = client();
    const { invocationArn } = await first.startAsyncEmbedding({
      input: paragraphs(12),
      options: { maxLengthChars: 900 },
    });
    const second = client();
    await second.waitForAsyncEmbedding(invocationArn);
    const result = await second.fetchAsyncEmbeddingResults(invocationArn);
    expect(result.invocationArn).toBe(invocationArn);
    expect(result.segments.length).toBeGreaterThan(1);
    expect(result.dimension).toBe(3072);
    const { invocations } = await second.listAsyncEmbeddings({ statusEquals: "Completed", maxResults: 100 });
    expect(invocations.map((invocation) => invocation.invocationArn)).toContain(invocationArn);
  });
});
