import type { GetModelInvocationJobCommandOutput } from "@aws-sdk/client-bedrock";
import {
  BedrockClient,
  CreateModelInvocationJobCommand,
  GetInferenceProfileCommand,
  GetModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
  StopModelInvocationJobCommand,
} from "@aws-sdk/client-bedrock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../index.js";
import { EMULATOR_DEFAULT_CREDENTIALS, EMULATOR_FAIL_MARKER, startEmulator } from "../index.js";
import type { TestS3 } from "../s3/s3rver.test-helpers.js";
import { pollUntil, startTestS3 } from "../s3/s3rver.test-helpers.js";

const roleArn = "arn:aws:iam::123456789012:role/BedrockBatch";
const applicationProfileArn =
  "arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/team42embed";
let s3: TestS3;
let emulator: RunningEmulator;
let client: BedrockClient;

beforeAll(async () => {
  s3 = await startTestS3(["batch"]);
  emulator = await startEmulator({
    s3: { endpoint: s3.endpoint },
    asyncJobDelayMs: 120,
    applicationInferenceProfiles: { [applicationProfileArn]: "us.cohere.embed-v4:0" },
  });
  client = new BedrockClient({
    region: "us-east-1",
    endpoint: emulator.url,
    credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
  await s3.close();
});

function titanRecords(count: number): string {
  return Array.from({ length: count }, (_, index) =>
    JSON.stringify({
      recordId: `REC${String(index).padStart(8, "0")}`,
      modelInput: { inputText: `record ${index}`, dimensions: 256 },
    }),
  ).join("\n");
}

function create(name: string, modelId: string, inputUri: string, extra: Record<string, unknown> = {}) {
  return client.send(
    new CreateModelInvocationJobCommand({
      jobName: name,
      roleArn,
      modelId,
      inputDataConfig: { s3InputDataConfig: { s3Uri: inputUri, s3InputFormat: "JSONL" } },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://batch/output/" } },
      timeoutDurationInHours: 24,
      ...extra,
    }),
  );
}

function finished(jobIdentifier: string): Promise<GetModelInvocationJobCommandOutput> {
  return pollUntil(
    () => client.send(new GetModelInvocationJobCommand({ jobIdentifier })),
    (job) => !["Submitted", "InProgress"].includes(job.status ?? ""),
  );
}

describe("batch inference jobs (CreateModelInvocationJob / GetModelInvocationJob)", () => {
  it("runs a Titan v2 job end to end, reporting the bad record in the output", async () => {
    const lines = titanRecords(100).split("\n");
    lines[41] = JSON.stringify({ recordId: "BADRECORD01", modelInput: { inputText: "x", dimensions: 300 } });
    await s3.put("s3://batch/input/records.jsonl", `${lines.join("\n")}\n`);
    const { jobArn } = await create(
      "titan-embed-job.1",
      "amazon.titan-embed-text-v2:0",
      "s3://batch/input/records.jsonl",
    );
    expect(jobArn).toMatch(/^arn:aws:bedrock:us-east-1:123456789012:model-invocation-job\/[a-z0-9]{12}$/);
    const jobId = jobArn?.split("/").at(-1) ?? "";
    const submitted = await client.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
    expect(submitted).toMatchObject({
      status: "Submitted",
      jobName: "titan-embed-job.1",
      totalRecordCount: 100,
      roleArn,
    });
    expect(submitted.submitTime).toBeInstanceOf(Date);
    const inProgress = await pollUntil(
      () => client.send(new GetModelInvocationJobCommand({ jobIdentifier: jobId })),
      (job) => job.status !== "Submitted",
    );
    expect(inProgress.status).toBe("InProgress");
    const done = await finished(jobId);
    expect(done).toMatchObject({
      status: "PartiallyCompleted",
      totalRecordCount: 100,
      processedRecordCount: 100,
      successRecordCount: 99,
      errorRecordCount: 1,
      message: expect.stringContaining("1 of 100 records failed"),
    });
    expect(done.endTime).toBeInstanceOf(Date);
    expect(await s3.keys(`s3://batch/output/${jobId}/`)).toEqual([
      `output/${jobId}/manifest.json.out`,
      `output/${jobId}/records.jsonl.out`,
    ]);
    const outputLines = (await s3.getText(`s3://batch/output/${jobId}/records.jsonl.out`))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(outputLines).toHaveLength(100);
    expect(outputLines[0]).toMatchObject({
      recordId: "REC00000000",
      modelInput: { inputText: "record 0", dimensions: 256 },
      modelOutput: { embedding: expect.any(Array), inputTextTokenCount: expect.any(Number) },
    });
    expect(outputLines[0].modelOutput.embedding).toHaveLength(256);
    expect(outputLines[41]).toEqual({
      recordId: "BADRECORD01",
      modelInput: { inputText: "x", dimensions: 300 },
      error: {
        errorCode: 400,
        errorMessage:
          "Malformed input request: #/dimensions: 300 is not a valid enum value, please reformat your input and try again.",
      },
    });
    const manifest = JSON.parse(await s3.getText(`s3://batch/output/${jobId}/manifest.json.out`));
    expect(manifest).toMatchObject({
      totalRecordCount: 100,
      processedRecordCount: 100,
      successRecordCount: 99,
      errorRecordCount: 1,
    });
    expect(manifest.inputTokenCount).toBeGreaterThan(0);
  });

  it("enforces the minimum record count at create time", async () => {
    await s3.put("s3://batch/small/five.jsonl", titanRecords(5));
    await expect(
      create("too-small", "amazon.titan-embed-text-v2:0", "s3://batch/small/five.jsonl"),
    ).rejects.toMatchObject({
      name: "ValidationException",
      $metadata: { httpStatusCode: 400 },
      message:
        "The input data has 5 records, but a batch inference job for amazon.titan-embed-text-v2:0 needs at least 100 (quota: minimum number of records per batch inference job).",
    });
  });

  it("checks the request shape and the model", async () => {
    await expect(
      create("bad", "amazon.titan-embed-text-v2:0", "s3://batch/input/records.jsonl", {
        timeoutDurationInHours: 12,
      }),
    ).rejects.toMatchObject({
      name: "ValidationException",
      message:
        "1 validation error detected: Value '12' at 'timeoutDurationInHours' failed to satisfy constraint: Member must have value between 24 and 168",
    });
    await expect(
      create("bad", "amazon.nova-2-multimodal-embeddings-v1:0", "s3://batch/input/records.jsonl"),
    ).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining(
        "Batch inference isn't supported for model amazon.nova-2-multimodal-embeddings-v1:0",
      ),
    });
    await expect(create("bad", "amazon.titan-embed-text-v2:0", "s3://batch/nothing/")).rejects.toMatchObject({
      message: "No JSONL input files were found at s3://batch/nothing/.",
    });
    await expect(
      client.send(new GetModelInvocationJobCommand({ jobIdentifier: "abcdefabcdef" })),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe("with a configured minimum of 3 records", () => {
  let small: RunningEmulator;
  let smallClient: BedrockClient;

  beforeAll(async () => {
    small = await startEmulator({
      s3: { endpoint: s3.endpoint },
      asyncJobDelayMs: 60,
      batchMinimumRecords: 3,
    });
    smallClient = new BedrockClient({
      region: "eu-central-1",
      endpoint: small.url,
      credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    smallClient.destroy();
    await small.close();
  });

  const cohereLine = (text: string, id?: string) =>
    JSON.stringify({
      ...(id ? { recordId: id } : {}),
      modelInput: { texts: [text], input_type: "search_document" },
    });

  it("reads every .jsonl under a prefix, is idempotent per token, lists and fails on the marker", async () => {
    await s3.put(
      "s3://batch/prefix/a.jsonl",
      [cohereLine("one", "A0000000001"), cohereLine("two")].join("\n"),
    );
    await s3.put("s3://batch/prefix/b.jsonl", [cohereLine("three"), "{not json"].join("\n"));
    await s3.put("s3://batch/prefix/ignored.txt", "not an input");
    const request = {
      jobName: "cohere-prefix",
      roleArn,
      modelId: "cohere.embed-english-v3",
      inputDataConfig: { s3InputDataConfig: { s3Uri: "s3://batch/prefix/" } },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://batch/cohere-out" } },
      clientRequestToken: "same-token",
    };
    const { jobArn } = await smallClient.send(new CreateModelInvocationJobCommand(request));
    expect(jobArn).toMatch(/^arn:aws:bedrock:eu-central-1:/);
    const again = await smallClient.send(new CreateModelInvocationJobCommand(request));
    expect(again.jobArn).toBe(jobArn);
    await expect(
      smallClient.send(new CreateModelInvocationJobCommand({ ...request, jobName: "other-name" })),
    ).rejects.toMatchObject({ name: "ConflictException" });
    const done = await pollUntil(
      () => smallClient.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn })),
      (job) => !["Submitted", "InProgress"].includes(job.status ?? ""),
    );
    expect(done).toMatchObject({
      status: "PartiallyCompleted",
      totalRecordCount: 4,
      successRecordCount: 3,
      errorRecordCount: 1,
    });
    const jobId = jobArn?.split("/").at(-1) ?? "";
    const first = (await s3.getText(`s3://batch/cohere-out/${jobId}/a.jsonl.out`))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(first[0]).toMatchObject({
      recordId: "A0000000001",
      modelOutput: { response_type: "embeddings_floats" },
    });
    expect(first[1].recordId).toMatch(/^[A-Z0-9]{11}$/);
    const second = (await s3.getText(`s3://batch/cohere-out/${jobId}/b.jsonl.out`))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(second[1].error).toMatchObject({ errorCode: 400 });

    await s3.put(
      `s3://batch/${EMULATOR_FAIL_MARKER}/c.jsonl`,
      [cohereLine("1"), cohereLine("2"), cohereLine("3")].join("\n"),
    );
    const failing = await smallClient.send(
      new CreateModelInvocationJobCommand({
        ...request,
        jobName: "cohere-fails",
        clientRequestToken: undefined,
        inputDataConfig: { s3InputDataConfig: { s3Uri: `s3://batch/${EMULATOR_FAIL_MARKER}/c.jsonl` } },
      }),
    );
    const failed = await pollUntil(
      () => smallClient.send(new GetModelInvocationJobCommand({ jobIdentifier: failing.jobArn })),
      (job) => job.status === "Failed",
    );
    expect(failed.message).toContain(EMULATOR_FAIL_MARKER);

    const listed = await smallClient.send(
      new ListModelInvocationJobsCommand({ nameContains: "cohere", sortOrder: "Ascending" }),
    );
    expect(listed.invocationJobSummaries?.map((summary) => summary.jobName)).toEqual([
      "cohere-prefix",
      "cohere-fails",
    ]);
    const onlyFailed = await smallClient.send(new ListModelInvocationJobsCommand({ statusEquals: "Failed" }));
    expect(onlyFailed.invocationJobSummaries?.map((summary) => summary.jobName)).toEqual(["cohere-fails"]);
  });

  it("stops a job before it runs", async () => {
    await s3.put("s3://batch/stop/in.jsonl", titanRecords(3));
    const { jobArn } = await smallClient.send(
      new CreateModelInvocationJobCommand({
        jobName: "to-stop",
        roleArn,
        modelId: "amazon.titan-embed-text-v1",
        inputDataConfig: { s3InputDataConfig: { s3Uri: "s3://batch/stop/in.jsonl" } },
        outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://batch/stop-out" } },
      }),
    );
    await smallClient.send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopped = await smallClient.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
    expect(stopped.status).toBe("Stopped");
    expect(await s3.keys("s3://batch/stop-out/")).toEqual([]);
    await expect(
      smallClient.send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn })),
    ).rejects.toMatchObject({
      name: "ValidationException",
    });
  });
});

describe("GetInferenceProfile", () => {
  it("describes system-defined profiles", async () => {
    const profile = await client.send(
      new GetInferenceProfileCommand({ inferenceProfileIdentifier: "us.cohere.embed-v4:0" }),
    );
    expect(profile).toMatchObject({
      inferenceProfileId: "us.cohere.embed-v4:0",
      inferenceProfileArn: "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.cohere.embed-v4:0",
      type: "SYSTEM_DEFINED",
      status: "ACTIVE",
      models: [{ modelArn: "arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-v4:0" }],
    });
    expect(profile.createdAt).toBeInstanceOf(Date);
    const byArn = await client.send(
      new GetInferenceProfileCommand({
        inferenceProfileIdentifier:
          "arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.twelvelabs.marengo-embed-2-7-v1:0",
      }),
    );
    expect(byArn.models).toEqual([
      { modelArn: "arn:aws:bedrock:us-east-1::foundation-model/twelvelabs.marengo-embed-2-7-v1:0" },
    ]);
  });

  it("describes configured application profiles by ARN or id", async () => {
    for (const identifier of [applicationProfileArn, "team42embed"]) {
      const profile = await client.send(
        new GetInferenceProfileCommand({ inferenceProfileIdentifier: identifier }),
      );
      expect(profile).toMatchObject({
        inferenceProfileArn: applicationProfileArn,
        inferenceProfileId: "team42embed",
        type: "APPLICATION",
        models: [{ modelArn: "arn:aws:bedrock:us-west-2::foundation-model/cohere.embed-v4:0" }],
      });
    }
  });

  it.each(["xx.cohere.embed-v4:0", "us.openai.gpt-oss-120b-1:0", "cohere.embed-v4:0"])(
    "answers 404 for %s",
    async (identifier) => {
      await expect(
        client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: identifier })),
      ).rejects.toMatchObject({
        name: "ResourceNotFoundException",
        $metadata: { httpStatusCode: 404 },
      });
    },
  );
});
