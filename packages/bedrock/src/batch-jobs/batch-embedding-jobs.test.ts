import {
  type BedrockClient,
  CreateModelInvocationJobCommand,
  GetModelInvocationJobCommand,
} from "@aws-sdk/client-bedrock";
import { ConfigurationError, emptyUsage, InputError, JobError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { parseJsonLines, toJsonLines } from "../s3/jsonl.js";
import { fakeClock, MemoryObjectStore } from "../s3/memory-object-store.test-helpers.js";
import { BatchEmbeddingJobs, type BatchEmbeddingJobsConfig } from "./batch-embedding-jobs.js";
import { recordIdFor } from "./record-ids.js";

const MODEL = "amazon.titan-embed-text-v2:0";
const JOB_ARN = "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/job123abc456";
const ROLE = "arn:aws:iam::123456789012:role/bedrock-batch";

function fakeControlPlane(statuses: Record<string, unknown>[] = []) {
  const sent: unknown[] = [];
  const client = {
    send: async (command: unknown) => {
      sent.push(command);
      if (command instanceof CreateModelInvocationJobCommand) return { jobArn: JOB_ARN };
      if (command instanceof GetModelInvocationJobCommand)
        return statuses.length > 1 ? statuses.shift() : statuses[0];
      throw new Error("unexpected command");
    },
  } as unknown as BedrockClient;
  return { client, sent };
}

function jobStatus(status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    jobArn: JOB_ARN,
    jobName: "corpus",
    modelId: `arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`,
    status,
    inputDataConfig: { s3InputDataConfig: { s3Uri: "s3://bucket/in/corpus/records.jsonl" } },
    outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://bucket/out/" } },
    ...extra,
  };
}

function jobs(
  controlPlane: BedrockClient,
  store: MemoryObjectStore,
  batch: BatchEmbeddingJobsConfig["batch"] = {},
  extra: Partial<BatchEmbeddingJobsConfig> = {},
) {
  return new BatchEmbeddingJobs(
    {
      embedder: { model: MODEL, region: "us-east-1", dimensions: 256 },
      batch: {
        inputS3Uri: "s3://bucket/in/",
        outputS3Uri: "s3://bucket/out/",
        roleArn: ROLE,
        minimumRecords: 3,
        ...batch,
      },
      controlPlaneClient: controlPlane,
      objectStore: store,
      ...extra,
    },
    { clock: fakeClock(), createToken: () => "tok-ABC-123456789" },
  );
}

const texts = ["first text", "second text", "third text", "fourth text"];

describe("BatchEmbeddingJobs: submitting", () => {
  it("writes one record per text with the model's body and creates the job", async () => {
    const store = new MemoryObjectStore();
    const plane = fakeControlPlane();
    const submission = await jobs(plane.client, store).submitBatchJob(texts, { jobName: "corpus" });
    expect(submission).toEqual({
      mode: "batch-job",
      jobArn: JOB_ARN,
      jobName: "corpus",
      recordCount: 4,
      inputS3Uri: "s3://bucket/in/corpus/records.jsonl",
      outputS3Uri: "s3://bucket/out/",
    });
    const records = parseJsonLines(
      store.objects.get("s3://bucket/in/corpus/records.jsonl")!,
      "in",
      MODEL,
    ).map((line) => line.value);
    expect(records).toEqual(
      texts.map((text, index) => ({
        recordId: recordIdFor(index),
        modelInput: { inputText: text, dimensions: 256, normalize: true },
      })),
    );
    expect((plane.sent[0] as CreateModelInvocationJobCommand).input).toEqual({
      jobName: "corpus",
      roleArn: ROLE,
      clientRequestToken: "tok-ABC-123456789",
      modelId: MODEL,
      inputDataConfig: {
        s3InputDataConfig: { s3Uri: "s3://bucket/in/corpus/records.jsonl", s3InputFormat: "JSONL" },
      },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://bucket/out/" } },
    });
  });

  it("names the job from the clock and token when no name is given", async () => {
    const store = new MemoryObjectStore();
    const submission = await jobs(fakeControlPlane().client, store).submitBatchJob(texts);
    expect(submission.mode === "batch-job" && submission.jobName).toMatch(
      /^embeddings-\d{8}T\d{6}-tokABC12$/,
    );
  });

  it("refuses a corpus below the minimum, naming the minimum and the fixes", async () => {
    const store = new MemoryObjectStore();
    const plane = fakeControlPlane();
    const error = (await jobs(plane.client, store, { minimumRecords: 100 })
      .submitBatchJob(texts)
      .catch((caught: unknown) => caught)) as InputError;
    expect(InputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ limit: 100, actual: 4 });
    expect(error.message).toMatch(
      /4 records are below the minimum of 100 per batch job.*allowOnDemandFallback/,
    );
    expect(store.writes).toEqual([]);
    expect(plane.sent).toEqual([]);
  });

  it("embeds a small corpus on demand when allowed, and says so", async () => {
    const calls: string[][] = [];
    const usage = { ...emptyUsage(), calls: 4, inputTokens: 9 };
    const onDemandEmbedder = {
      embedBatchDetailed: async (given: string[]) => {
        calls.push(given);
        return { vectors: given.map(() => [1, 0]), usage };
      },
    };
    const plane = fakeControlPlane();
    const submission = await jobs(
      plane.client,
      new MemoryObjectStore(),
      { minimumRecords: 100, allowOnDemandFallback: true },
      { onDemandEmbedder },
    ).submitBatchJob(texts);
    expect(submission).toEqual({
      mode: "on-demand",
      reason: "4 records are below the minimum of 100 per batch job; embedded with on-demand calls",
      recordCount: 4,
      vectors: [
        [1, 0],
        [1, 0],
        [1, 0],
        [1, 0],
      ],
      usage,
    });
    expect(calls).toEqual([texts]);
    expect(plane.sent).toEqual([]);
  });

  it("needs the locations and role, checks texts before writing, and refuses families without batch jobs", async () => {
    const store = new MemoryObjectStore();
    await expect(
      jobs(fakeControlPlane().client, store, { roleArn: undefined }).submitBatchJob(texts),
    ).rejects.toThrow(/batch.roleArn is needed/);
    await expect(
      jobs(fakeControlPlane().client, store).submitBatchJob(["fine", "", "fine", "fine"]),
    ).rejects.toMatchObject({ index: 1 });
    expect(store.writes).toEqual([]);
    const cohere = new BatchEmbeddingJobs({
      embedder: { model: "cohere.embed-english-v3", region: "us-east-1" },
      batch: { minimumRecords: 1 },
      objectStore: store,
      controlPlaneClient: fakeControlPlane().client,
    });
    await expect(cohere.submitBatchJob(texts)).rejects.toThrow(ConfigurationError);
    await expect(jobs(fakeControlPlane().client, store).submitBatchJob([])).rejects.toThrow(/no texts/);
  });
});

describe("BatchEmbeddingJobs: status and results", () => {
  function storeWithOutput(
    outputLines: unknown[],
    folder = "s3://bucket/out/job123abc456",
  ): MemoryObjectStore {
    const store = new MemoryObjectStore();
    store.objects.set(
      "s3://bucket/in/corpus/records.jsonl",
      toJsonLines(
        texts.map((text, index) => ({ recordId: recordIdFor(index), modelInput: { inputText: text } })),
      ),
    );
    store.objects.set(`${folder}/records.jsonl.out`, toJsonLines(outputLines));
    return store;
  }
  const success = (index: number, embedding: number[]) => ({
    recordId: recordIdFor(index),
    modelInput: { inputText: texts[index] },
    modelOutput: { embedding, inputTextTokenCount: 2 },
  });

  it("maps the output back to input order with failures, and takes tokens from the manifest", async () => {
    const store = storeWithOutput([
      success(3, [0, 1]),
      {
        recordId: recordIdFor(1),
        modelInput: {},
        error: { errorCode: 400, errorMessage: "Malformed input request" },
      },
      success(0, [1, 0]),
    ]);
    store.objects.set(
      "s3://bucket/out/job123abc456/manifest.json.out",
      JSON.stringify({ totalRecordCount: 4, inputTokenCount: 77 }),
    );
    const plane = fakeControlPlane([jobStatus("PartiallyCompleted")]);
    const results = await jobs(plane.client, store).fetchBatchJobResults(JOB_ARN);
    expect(results.vectors).toEqual([[1, 0], undefined, undefined, [0, 1]]);
    expect(results.failures).toEqual([
      { index: 1, recordId: recordIdFor(1), errorCode: 400, errorMessage: "Malformed input request" },
      {
        index: 2,
        recordId: recordIdFor(2),
        errorCode: undefined,
        errorMessage: "the job wrote no output record for it.",
      },
    ]);
    expect(results.usage).toEqual({ inputTokens: 77, records: 4, succeeded: 2, failed: 2 });
    // Titan v2 at $0.02 per million tokens, batch discount applied when the table knows one.
    expect(results.estimatedCost?.usd).toBeGreaterThan(0);
    expect(results.estimatedCost?.usd).toBeLessThanOrEqual((77 * 0.02) / 1_000_000);
    expect(results.estimatedCost?.basis).toContain("77 text tokens");
    expect(results.outputFiles).toEqual(["s3://bucket/out/job123abc456/records.jsonl.out"]);
    expect((plane.sent[0] as GetModelInvocationJobCommand).input).toEqual({ jobIdentifier: JOB_ARN });
  });

  it("sums record tokens without a manifest and finds output written in a nested folder", async () => {
    const store = storeWithOutput(
      texts.map((_text, index) => success(index, [1, 1])),
      "s3://bucket/out/job123abc456/nested",
    );
    const results = await jobs(fakeControlPlane([jobStatus("Completed")]).client, store).fetchBatchJobResults(
      JOB_ARN,
    );
    expect(results.failures).toEqual([]);
    expect(results.usage.inputTokens).toBe(8);
    expect(results.vectors[2]?.[0]).toBeCloseTo(Math.SQRT1_2);
  });

  it("reports status with record counters, and waits until a final status", async () => {
    const plane = fakeControlPlane([
      jobStatus("Submitted"),
      jobStatus("InProgress", { totalRecordCount: 4, processedRecordCount: 2 }),
      jobStatus("Completed", {
        totalRecordCount: 4,
        processedRecordCount: 4,
        successRecordCount: 4,
        errorRecordCount: 0,
      }),
    ]);
    const batch = jobs(plane.client, new MemoryObjectStore(), { pollIntervalMs: 10 });
    const seen: string[] = [];
    const final = await batch.waitForBatchJob(JOB_ARN, { onPoll: ({ status }) => seen.push(status.status) });
    expect(seen).toEqual(["Submitted", "InProgress", "Completed"]);
    expect(final).toMatchObject({
      jobId: "job123abc456",
      status: "Completed",
      records: { total: 4, processed: 4, success: 4, error: 0 },
      outputS3Uri: "s3://bucket/out/",
    });
  });

  it("throws JobError with the message of a failed job, and not-finished while running", async () => {
    const failed = fakeControlPlane([jobStatus("Failed", { message: "Role cannot read s3://bucket/in" })]);
    const error = (await jobs(failed.client, new MemoryObjectStore())
      .fetchBatchJobResults(JOB_ARN)
      .catch((caught: unknown) => caught)) as JobError;
    expect(JobError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: "failed", failureMessage: "Role cannot read s3://bucket/in" });
    const running = fakeControlPlane([jobStatus("Scheduled")]);
    await expect(
      jobs(running.client, new MemoryObjectStore()).fetchBatchJobResults(JOB_ARN),
    ).rejects.toMatchObject({
      reason: "not-finished",
    });
  });

  it("says when a finished job's output cannot be found, and when a stopped job wrote none", async () => {
    const store = new MemoryObjectStore();
    store.objects.set(
      "s3://bucket/in/corpus/records.jsonl",
      toJsonLines([{ recordId: recordIdFor(0), modelInput: {} }]),
    );
    await expect(
      jobs(fakeControlPlane([jobStatus("Completed")]).client, store).fetchBatchJobResults(JOB_ARN),
    ).rejects.toThrow(/no output file of batch job/);
    await expect(
      jobs(fakeControlPlane([jobStatus("Stopped")]).client, store).fetchBatchJobResults(JOB_ARN),
    ).rejects.toMatchObject({ reason: "stopped" });
  });
});
