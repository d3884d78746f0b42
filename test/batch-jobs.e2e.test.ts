import { BedrockEmbedder } from "@bedrock-embeddings/bedrock";
import { BatchEmbeddingJobs, type BatchEmbeddingJobsConfig } from "@bedrock-embeddings/bedrock/jobs";
import {
  BedrockApiError,
  cosineSimilarity,
  InputError,
  JobError,
  vectorNorm,
} from "@bedrock-embeddings/core";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  EMULATOR_FAIL_MARKER,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type S3Fixture, startS3Fixture } from "./support/s3-fixture.js";

const TITAN_V2 = "amazon.titan-embed-text-v2:0";
const ROLE = "arn:aws:iam::123456789012:role/bedrock-batch";

let s3: S3Fixture;
let emulator: RunningEmulator;

beforeAll(async () => {
  s3 = await startS3Fixture();
  await s3.createBucket("corpus");
  emulator = await startEmulator({ port: 0, s3: { endpoint: s3.endpoint }, asyncJobDelayMs: 50 });
});

afterAll(async () => {
  await emulator?.close();
  await s3?.close();
});

const embedderOptions = () => ({
  model: TITAN_V2,
  region: "us-east-1",
  endpoint: emulator.url,
  credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
  dimensions: 256,
});

function jobs(batch: BatchEmbeddingJobsConfig["batch"] = {}): BatchEmbeddingJobs {
  return new BatchEmbeddingJobs({
    embedder: embedderOptions(),
    batch: {
      inputS3Uri: "s3://corpus/batch-in/",
      outputS3Uri: "s3://corpus/batch-out/",
      roleArn: ROLE,
      pollIntervalMs: 20,
      maxPollIntervalMs: 200,
      timeoutMs: 30_000,
      ...batch,
    },
    s3: s3.settings,
  });
}

const corpus = (count: number) =>
  Array.from(
    { length: count },
    (_unused, index) => `Document ${index}: notes about lighthouse ${index} on the coast.`,
  );

describe("batch inference jobs over the emulator and a real S3 server", () => {
  it("embeds 120 Titan v2 texts in input order and reports the record the service rejected", async () => {
    const texts = corpus(120);
    // Within the client's 50,000-character ceiling but far over Titan v2's 8,192 tokens: only the service can tell.
    texts[57] = Array.from({ length: 12_000 }, (_unused, index) => `w${index % 97}`).join(" ");
    const batch = jobs();
    const submission = await batch.submitBatchJob(texts, { jobName: "corpus-120" });
    if (submission.mode !== "batch-job") throw new Error("expected a batch job");
    expect(submission).toMatchObject({
      recordCount: 120,
      inputS3Uri: "s3://corpus/batch-in/corpus-120/records.jsonl",
    });
    const records = (await s3.read(submission.inputS3Uri))!.trim().split("\n");
    expect(records).toHaveLength(120);

    const progress: string[] = [];
    const final = await batch.waitForBatchJob(submission.jobArn, {
      onPoll: ({ status }) => progress.push(status.status),
    });
    expect(final.status).toBe("PartiallyCompleted");
    expect(final.records).toMatchObject({ total: 120, success: 119, error: 1 });
    expect(progress.at(-1)).toBe("PartiallyCompleted");

    const results = await batch.fetchBatchJobResults(submission.jobArn);
    expect(results.vectors).toHaveLength(120);
    expect(results.failures.map((failure) => failure.index)).toEqual([57]);
    expect(results.failures[0]?.errorMessage).toMatch(/\S/);
    expect(results.vectors[57]).toBeUndefined();
    expect(results.usage).toMatchObject({ records: 120, succeeded: 119, failed: 1 });
    expect(results.usage.inputTokens).toBeGreaterThan(0);

    // Each vector belongs to its own text: compare with the same texts embedded on demand.
    const onDemand = new BedrockEmbedder(embedderOptions());
    const probes = [0, 1, 56, 58, 119];
    const expected = await onDemand.embedBatch(probes.map((index) => texts[index]!));
    probes.forEach((index, position) => {
      const vector = results.vectors[index]!;
      expect(vector).toHaveLength(256);
      expect(vectorNorm(vector)).toBeCloseTo(1, 6);
      expect(cosineSimilarity(vector, expected[position]!)).toBeCloseTo(1, 6);
    });
    expect(cosineSimilarity(results.vectors[0]!, expected[4]!)).toBeLessThan(0.999);
  });

  it("refuses a corpus below the minimum without fallback, naming the minimum", async () => {
    const error = await jobs()
      .submitBatchJob(corpus(5))
      .catch((caught: unknown) => caught);
    expect(InputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ limit: 100, actual: 5 });
    expect((error as Error).message).toMatch(/below the minimum of 100.*allowOnDemandFallback/);
  });

  it("embeds a corpus below the minimum on demand when allowed, and says so", async () => {
    const before = emulator.requests.length;
    const submission = await jobs({ allowOnDemandFallback: true }).submitBatchJob(corpus(5));
    expect(submission.mode).toBe("on-demand");
    if (submission.mode !== "on-demand") return;
    expect(submission.reason).toMatch(
      /5 records are below the minimum of 100 per batch job; embedded with on-demand calls/,
    );
    expect(submission.vectors).toHaveLength(5);
    expect(submission.usage.calls).toBe(5);
    const invokes = emulator.requests.slice(before).filter((request) => request.path.endsWith("/invoke"));
    expect(invokes).toHaveLength(5);
  });

  it("passes on the service's refusal when the configured minimum is lower than the service's", async () => {
    const error = await jobs({ minimumRecords: 1 })
      .submitBatchJob(corpus(3))
      .catch((caught: unknown) => caught);
    expect(BedrockApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ awsErrorName: "ValidationException" });
  });

  it("surfaces a failed job's message as a JobError", async () => {
    const batch = jobs({ inputS3Uri: `s3://corpus/${EMULATOR_FAIL_MARKER}/` });
    const submission = await batch.submitBatchJob(corpus(100));
    if (submission.mode !== "batch-job") throw new Error("expected a batch job");
    const final = await batch.waitForBatchJob(submission.jobArn);
    expect(final.status).toBe("Failed");
    const error = await batch.fetchBatchJobResults(submission.jobArn).catch((caught: unknown) => caught);
    expect(JobError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: "failed", jobArn: submission.jobArn });
    expect((error as JobError).failureMessage).toContain(EMULATOR_FAIL_MARKER);
  });

  it("fetches a job by ARN from another instance", async () => {
    const submission = await jobs().submitBatchJob(corpus(100));
    if (submission.mode !== "batch-job") throw new Error("expected a batch job");
    const other = jobs();
    await other.waitForBatchJob(submission.jobArn);
    const results = await other.fetchBatchJobResults(submission.jobArn);
    expect(results.failures).toEqual([]);
    expect(results.vectors.every((vector) => vector?.length === 256)).toBe(true);
    expect(results.status).toBe("Completed");
  });
});
