import type { AsyncInvokeSummary, GetAsyncInvokeCommandOutput } from "@aws-sdk/client-bedrock-runtime";
import {
  BedrockRuntimeClient,
  GetAsyncInvokeCommand,
  ListAsyncInvokesCommand,
  StartAsyncInvokeCommand,
} from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../index.js";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  EMULATOR_FAIL_MARKER,
  EMULATOR_PARTIAL_MARKER,
  startEmulator,
} from "../index.js";
import { filler } from "../media/test-images.test-helpers.js";
import type { TestS3 } from "../s3/s3rver.test-helpers.js";
import { pollUntil, startTestS3 } from "../s3/s3rver.test-helpers.js";

const nova = "amazon.nova-2-multimodal-embeddings-v1:0";
let s3: TestS3;
let emulator: RunningEmulator;
let client: BedrockRuntimeClient;

beforeAll(async () => {
  s3 = await startTestS3(["media", "results"]);
  emulator = await startEmulator({ s3: { endpoint: s3.endpoint }, asyncJobDelayMs: 150 });
  client = runtimeClient("us-east-1");
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
  await s3.close();
});

function runtimeClient(region: string): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region,
    endpoint: emulator.url,
    credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
    maxAttempts: 1,
  });
}

async function start(modelId: string, modelInput: unknown, s3Uri = "s3://results/out", token?: string) {
  const output = await client.send(
    new StartAsyncInvokeCommand({
      modelId,
      modelInput: modelInput as never,
      outputDataConfig: { s3OutputDataConfig: { s3Uri } },
      ...(token === undefined ? {} : { clientRequestToken: token }),
    }),
  );
  return output.invocationArn ?? "";
}

async function finished(invocationArn: string): Promise<GetAsyncInvokeCommandOutput> {
  return pollUntil(
    () => client.send(new GetAsyncInvokeCommand({ invocationArn })),
    (output) => output.status !== "InProgress",
  );
}

function jsonl(text: string): Array<Record<string, unknown>> {
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const novaSegmented = (modality: string, value: Record<string, unknown>, dimension = 256) => ({
  schemaVersion: "nova-multimodal-embed-v1",
  taskType: "SEGMENTED_EMBEDDING",
  segmentedEmbeddingParams: {
    embeddingPurpose: "GENERIC_INDEX",
    embeddingDimension: dimension,
    [modality]: value,
  },
});

describe("StartAsyncInvoke / GetAsyncInvoke with Nova", () => {
  it("segments S3 text at word boundaries and writes the documented layout", async () => {
    const words = Array.from({ length: 420 }, (_, index) => `word${index}`);
    const text = words.join(" ");
    await s3.put("s3://media/docs/long.txt", text);
    const invocationArn = await start(
      nova,
      novaSegmented("text", {
        truncationMode: "END",
        source: { s3Location: { uri: "s3://media/docs/long.txt" } },
        segmentationConfig: { maxLengthChars: 800 },
      }),
    );
    expect(invocationArn).toMatch(/^arn:aws:bedrock:us-east-1:123456789012:async-invoke\/[a-z0-9]{12}$/);
    const invocationId = invocationArn.split("/").at(-1) ?? "";
    const early = await client.send(new GetAsyncInvokeCommand({ invocationArn }));
    expect(early).toMatchObject({
      status: "InProgress",
      modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${nova}`,
    });
    expect(early.outputDataConfig?.s3OutputDataConfig?.s3Uri).toBe("s3://results/out");
    expect(early.submitTime).toBeInstanceOf(Date);

    const done = await finished(invocationArn);
    expect(done.status).toBe("Completed");
    expect(done.endTime).toBeInstanceOf(Date);
    const outputUri = `s3://results/out/${invocationId}`;
    expect(done.outputDataConfig?.s3OutputDataConfig?.s3Uri).toBe(outputUri);
    expect(await s3.keys(`${outputUri}/`)).toEqual([
      `out/${invocationId}/embedding-text.jsonl`,
      `out/${invocationId}/manifest.json`,
      `out/${invocationId}/segmented-embedding-result.json`,
    ]);
    const result = JSON.parse(await s3.getText(`${outputUri}/segmented-embedding-result.json`));
    expect(result).toEqual({
      sourceFileUri: "s3://media/docs/long.txt",
      embeddingDimension: 256,
      embeddingResults: [
        { embeddingType: "TEXT", status: "SUCCESS", outputFileUri: `${outputUri}/embedding-text.jsonl` },
      ],
    });
    const lines = jsonl(await s3.getText(`${outputUri}/embedding-text.jsonl`));
    expect(lines.length).toBeGreaterThanOrEqual(Math.ceil(text.length / 800));
    let expectedStart = 0;
    lines.forEach((line, index) => {
      const metadata = line["segmentMetadata"] as Record<string, number>;
      expect(metadata["segmentIndex"]).toBe(index);
      expect(metadata["segmentStartCharPosition"]).toBe(expectedStart);
      const end = metadata["segmentEndCharPosition"] ?? 0;
      expect(end - expectedStart).toBeLessThanOrEqual(800);
      // Cuts land after a space (or at the very end), so no word is split.
      if (end < text.length) expect(text[end - 1]).toBe(" ");
      expect(line["status"]).toBe("SUCCESS");
      expect(line["embedding"]).toHaveLength(256);
      expectedStart = end;
    });
    expect(expectedStart).toBe(text.length);
  });

  it("embeds S3 video in durationSeconds segments, separately for video and audio", async () => {
    await s3.put("s3://media/clips/match.mp4", filler(40_000, 9), { "duration-seconds": "12" });
    const invocationArn = await start(
      nova,
      novaSegmented("video", {
        format: "mp4",
        embeddingMode: "AUDIO_VIDEO_SEPARATE",
        source: { s3Location: { uri: "s3://media/clips/match.mp4" } },
        segmentationConfig: { durationSeconds: 5 },
      }),
      "s3://results/video/",
    );
    const done = await finished(invocationArn);
    expect(done.status).toBe("Completed");
    const outputUri = done.outputDataConfig?.s3OutputDataConfig?.s3Uri ?? "";
    const result = JSON.parse(await s3.getText(`${outputUri}/segmented-embedding-result.json`));
    expect(result.embeddingResults.map((entry: { embeddingType: string }) => entry.embeddingType)).toEqual([
      "VIDEO",
      "AUDIO",
    ]);
    for (const name of ["embedding-video.jsonl", "embedding-audio.jsonl"]) {
      const lines = jsonl(await s3.getText(`${outputUri}/${name}`));
      expect(lines.map((line) => line["segmentMetadata"])).toEqual([
        { segmentIndex: 0, segmentStartSeconds: 0, segmentEndSeconds: 5 },
        { segmentIndex: 1, segmentStartSeconds: 5, segmentEndSeconds: 10 },
        { segmentIndex: 2, segmentStartSeconds: 10, segmentEndSeconds: 12 },
      ]);
    }
  });

  it("fails the job when the input names the failure marker, is missing, or has too many segments", async () => {
    await s3.put(`s3://media/${EMULATOR_FAIL_MARKER}.wav`, filler(100));
    await s3.put("s3://media/two-hours.wav", filler(100), { "duration-seconds": "7200" });
    const audio = (uri: string) =>
      novaSegmented("audio", {
        format: "wav",
        source: { s3Location: { uri } },
        segmentationConfig: { durationSeconds: 5 },
      });
    const marked = await finished(await start(nova, audio(`s3://media/${EMULATOR_FAIL_MARKER}.wav`)));
    expect(marked.status).toBe("Failed");
    expect(marked.failureMessage).toContain(EMULATOR_FAIL_MARKER);
    const missing = await finished(await start(nova, audio("s3://media/nothing-here.wav")));
    expect(missing).toMatchObject({
      status: "Failed",
      failureMessage: expect.stringContaining("Unable to read the input s3://media/nothing-here.wav"),
    });
    const long = await finished(await start(nova, audio("s3://media/two-hours.wav")));
    expect(long.failureMessage).toBe(
      "The audio input produces 1440 segments, more than the maximum of 1434. Increase segmentationConfig.durationSeconds.",
    );
    expect(long.outputDataConfig?.s3OutputDataConfig?.s3Uri).toBe("s3://results/out");
  });

  it("reports segments with the partial marker as FAILURE lines and the result as PARTIAL_SUCCESS", async () => {
    const text = `${"calm words here ".repeat(60)}${EMULATOR_PARTIAL_MARKER} ${"more calm words ".repeat(60)}`;
    await s3.put("s3://media/docs/partial.txt", text);
    const done = await finished(
      await start(
        nova,
        novaSegmented("text", {
          truncationMode: "END",
          source: { s3Location: { uri: "s3://media/docs/partial.txt" } },
          segmentationConfig: { maxLengthChars: 800 },
        }),
      ),
    );
    expect(done.status).toBe("Completed");
    const outputUri = done.outputDataConfig?.s3OutputDataConfig?.s3Uri ?? "";
    const result = JSON.parse(await s3.getText(`${outputUri}/segmented-embedding-result.json`));
    expect(result.embeddingResults[0]).toMatchObject({
      embeddingType: "TEXT",
      status: "PARTIAL_SUCCESS",
      failureReason: "RAI_VIOLATION_INPUT_TEXT_DEFLECTION",
    });
    const lines = jsonl(await s3.getText(`${outputUri}/embedding-text.jsonl`));
    const failed = lines.filter((line) => line["status"] === "FAILURE");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ failureReason: "RAI_VIOLATION_INPUT_TEXT_DEFLECTION" });
    expect(failed[0]?.["embedding"]).toBeUndefined();
    expect(lines.filter((line) => line["status"] === "SUCCESS").length).toBeGreaterThan(0);
  });

  it("answers an unknown invocation ARN with a ValidationException", async () => {
    await expect(
      client.send(
        new GetAsyncInvokeCommand({
          invocationArn: "arn:aws:bedrock:us-east-1:123456789012:async-invoke/zzzzzzzzzzzz",
        }),
      ),
    ).rejects.toMatchObject({ name: "ValidationException", $metadata: { httpStatusCode: 400 } });
  });

  it("validates the request synchronously", async () => {
    const reject = (modelId: string, modelInput: unknown, s3Uri?: string) =>
      start(modelId, modelInput, s3Uri);
    await expect(reject("amazon.titan-embed-text-v2:0", { inputText: "x" })).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining("amazon.titan-embed-text-v2:0 doesn't support StartAsyncInvoke"),
    });
    await expect(reject("us.amazon.nova-2-multimodal-embeddings-v1:0", {})).rejects.toMatchObject({
      name: "ValidationException",
      message: "The provided model identifier is invalid.",
    });
    await expect(
      reject(nova, novaSegmented("text", { truncationMode: "END", value: "x" }), "s3://Bad_Bucket/x"),
    ).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringMatching(
        /^1 validation error detected: Value 's3:\/\/Bad_Bucket\/x' at 'outputDataConfig\.s3OutputDataConfig\.s3Uri' failed to satisfy constraint/,
      ),
    });
    await expect(
      reject(nova, novaSegmented("image", { format: "png", source: { bytes: "aGk=" } })),
    ).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining("reads its input from Amazon S3"),
    });
    await expect(
      reject(
        nova,
        novaSegmented("text", {
          truncationMode: "END",
          source: { s3Location: { uri: "s3://media/a" } },
          segmentationConfig: { maxLengthChars: 100 },
        }),
      ),
    ).rejects.toMatchObject({
      message: expect.stringContaining(
        "#/segmentedEmbeddingParams/text/segmentationConfig/maxLengthChars: 100 is not greater or equal to 800",
      ),
    });
  });

  it("is idempotent per clientRequestToken and rejects a reused token with a different body", async () => {
    await s3.put("s3://media/docs/short.txt", "short text");
    const input = novaSegmented("text", {
      truncationMode: "END",
      source: { s3Location: { uri: "s3://media/docs/short.txt" } },
    });
    const first = await start(nova, input, "s3://results/idem", "token-0001");
    expect(await start(nova, input, "s3://results/idem", "token-0001")).toBe(first);
    await expect(start(nova, input, "s3://results/other", "token-0001")).rejects.toMatchObject({
      name: "ConflictException",
      $metadata: { httpStatusCode: 400 },
    });
    await finished(first);
  });

  it("takes the region of the ARNs from the SigV4 credential scope", async () => {
    const eu = runtimeClient("eu-west-1");
    await s3.put("s3://media/docs/eu.txt", "bonjour");
    const output = await eu.send(
      new StartAsyncInvokeCommand({
        modelId: nova,
        modelInput: novaSegmented("text", {
          truncationMode: "END",
          source: { s3Location: { uri: "s3://media/docs/eu.txt" } },
        }) as never,
        outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://results/eu" } },
      }),
    );
    expect(output.invocationArn).toMatch(/^arn:aws:bedrock:eu-west-1:123456789012:async-invoke\//);
    const described = await eu.send(new GetAsyncInvokeCommand({ invocationArn: output.invocationArn }));
    expect(described.modelArn).toBe(`arn:aws:bedrock:eu-west-1::foundation-model/${nova}`);
    expect(described.clientRequestToken).toMatch(/^[0-9a-f-]{36}$/);
    await finished(output.invocationArn ?? "");
    eu.destroy();
  });
});

describe("Marengo async output.json", () => {
  it("2.7 writes one 1024-float item per clip and embedding option", async () => {
    await s3.put("s3://media/clips/goal.mp4", filler(16_000 * 10, 5));
    const done = await finished(
      await start("twelvelabs.marengo-embed-2-7-v1:0", {
        inputType: "video",
        mediaSource: { s3Location: { uri: "s3://media/clips/goal.mp4", bucketOwner: "123456789012" } },
        useFixedLengthSec: 4,
        embeddingOption: ["visual-text", "audio"],
      }),
    );
    expect(done.status).toBe("Completed");
    const outputUri = done.outputDataConfig?.s3OutputDataConfig?.s3Uri ?? "";
    const { data } = JSON.parse(await s3.getText(`${outputUri}/output.json`)) as {
      data: Array<{ embedding: number[]; embeddingOption: string; startSec: number; endSec: number }>;
    };
    expect(data.map((item) => [item.embeddingOption, item.startSec, item.endSec])).toEqual([
      ["visual-text", 0, 4],
      ["audio", 0, 4],
      ["visual-text", 4, 8],
      ["audio", 4, 8],
      ["visual-text", 8, 10],
      ["audio", 8, 10],
    ]);
    expect(data.every((item) => item.embedding.length === 1024)).toBe(true);
    expect(await s3.keys(`${outputUri}/`)).toEqual([
      `${outputUri.slice("s3://results/".length)}/manifest.json`,
      `${outputUri.slice("s3://results/".length)}/output.json`,
    ]);
  });

  it("3.0 writes 512-float clip and asset items, fused when asked, and text as one item", async () => {
    await s3.put("s3://media/clips/talk.mp4", filler(100), { "duration-seconds": "9" });
    const video = await finished(
      await start("twelvelabs.marengo-embed-3-0-v1:0", {
        inputType: "video",
        video: {
          mediaSource: { s3Location: { uri: "s3://media/clips/talk.mp4" } },
          segmentation: { method: "fixed", fixed: { durationSec: 5 } },
          embeddingOption: ["visual", "transcription"],
          embeddingType: ["separate_embedding", "fused_embedding"],
          embeddingScope: ["clip", "asset"],
        },
      }),
    );
    const videoUri = video.outputDataConfig?.s3OutputDataConfig?.s3Uri ?? "";
    const { data } = JSON.parse(await s3.getText(`${videoUri}/output.json`)) as {
      data: Array<{
        embedding: number[];
        embeddingOption: string;
        embeddingScope: string;
        startSec: number;
        endSec: number;
      }>;
    };
    expect(
      data.map((item) => `${item.embeddingScope}:${item.embeddingOption}:${item.startSec}-${item.endSec}`),
    ).toEqual([
      "clip:visual:0-5",
      "clip:transcription:0-5",
      "clip:fused:0-5",
      "clip:visual:5-9",
      "clip:transcription:5-9",
      "clip:fused:5-9",
      "asset:visual:0-9",
      "asset:transcription:0-9",
      "asset:fused:0-9",
    ]);
    expect(data[0]?.embedding).toHaveLength(512);
    const text = await finished(
      await start("twelvelabs.marengo-embed-3-0-v1:0", {
        inputType: "text",
        text: { inputText: "a keynote" },
      }),
    );
    const textOutput = JSON.parse(
      await s3.getText(`${text.outputDataConfig?.s3OutputDataConfig?.s3Uri}/output.json`),
    );
    expect(textOutput.data).toHaveLength(1);
    expect(textOutput.data[0].embedding).toHaveLength(512);
  });

  it("fails on the marker in inputText", async () => {
    const done = await finished(
      await start("twelvelabs.marengo-embed-2-7-v1:0", {
        inputType: "text",
        inputText: `say ${EMULATOR_FAIL_MARKER}`,
      }),
    );
    expect(done).toMatchObject({
      status: "Failed",
      failureMessage: expect.stringContaining(EMULATOR_FAIL_MARKER),
    });
  });
});

describe("ListAsyncInvokes", () => {
  it("filters by status, sorts by submit time and pages with nextToken", async () => {
    const all: AsyncInvokeSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListAsyncInvokesCommand({ maxResults: 3, nextToken, sortOrder: "Ascending" }),
      );
      expect((page.asyncInvokeSummaries ?? []).length).toBeLessThanOrEqual(3);
      all.push(...(page.asyncInvokeSummaries ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(all.length).toBeGreaterThan(5);
    const times = all.map((summary) => summary.submitTime?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((left, right) => left - right));
    const failed = await client.send(new ListAsyncInvokesCommand({ statusEquals: "Failed" }));
    expect(failed.asyncInvokeSummaries?.length).toBeGreaterThanOrEqual(4);
    expect(failed.asyncInvokeSummaries?.every((summary) => summary.status === "Failed")).toBe(true);
    const future = await client.send(
      new ListAsyncInvokesCommand({ submitTimeAfter: new Date(Date.now() + 60_000) }),
    );
    expect(future.asyncInvokeSummaries).toEqual([]);
    await expect(client.send(new ListAsyncInvokesCommand({ maxResults: 0 }))).rejects.toMatchObject({
      name: "ValidationException",
    });
  });
});

describe("without the s3 option", () => {
  it("answers StartAsyncInvoke with a ValidationException that names the option", async () => {
    const bare = await startEmulator();
    const bareClient = new BedrockRuntimeClient({
      region: "us-east-1",
      endpoint: bare.url,
      credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
      maxAttempts: 1,
    });
    await expect(
      bareClient.send(
        new StartAsyncInvokeCommand({
          modelId: nova,
          modelInput: novaSegmented("text", {
            truncationMode: "END",
            source: { s3Location: { uri: "s3://a/b" } },
          }) as never,
          outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://results/x" } },
        }),
      ),
    ).rejects.toMatchObject({ name: "ValidationException", message: expect.stringContaining("`s3` option") });
    bareClient.destroy();
    await bare.close();
  });
});
