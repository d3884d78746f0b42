import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AsyncEmbeddingClient } from "@bedrock-embeddings/bedrock/jobs";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  EMULATOR_FAIL_MARKER,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type S3Fixture, S3RVER_CREDENTIALS, startS3Fixture } from "./support/s3-fixture.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "packages/cli/bin/bedrock-embeddings.js");
const NOVA = "amazon.nova-2-multimodal-embeddings-v1:0";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  args: string[],
  input = "",
  onStderr?: (text: string, child: ChildProcess) => void,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [bin, ...args], {
      cwd: workDirectory,
      env: { PATH: process.env["PATH"] ?? "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    child.stderr!.on("data", (chunk) => {
      stderr += chunk;
      onStderr?.(stderr, child);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin!.end(input);
  });
}

function jsonLines<T>(text: string): T[] {
  return text
    .trim()
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
}

let workDirectory: string;
let s3: S3Fixture;
let emulator: RunningEmulator;

async function writeConfig(
  name: string,
  batch: Record<string, unknown> = {},
  target: RunningEmulator = emulator,
): Promise<string> {
  const file = join(workDirectory, name);
  const config = {
    embedder: {
      provider: "aws_bedrock",
      config: {
        model: "amazon.titan-embed-text-v2:0",
        region: "us-east-1",
        endpoint: target.url,
        credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
        dimensions: 256,
      },
    },
    emulator: { embedded: false },
    s3: { endpoint: s3.endpoint, credentials: { ...S3RVER_CREDENTIALS } },
    async: {
      model: NOVA,
      dimensions: 384,
      output_s3_uri: "s3://bulk/async-out/",
      poll_interval_ms: 40,
      max_poll_interval_ms: 200,
      timeout_ms: 60_000,
    },
    batch: {
      input_s3_uri: "s3://bulk/batch-in/",
      output_s3_uri: "s3://bulk/batch-out/",
      role_arn: "arn:aws:iam::123456789012:role/bedrock-batch",
      poll_interval_ms: 40,
      max_poll_interval_ms: 200,
      ...batch,
    },
  };
  await writeFile(file, stringify(config));
  return file;
}

beforeAll(async () => {
  if (!existsSync(join(root, "packages/cli/dist/index.js"))) {
    throw new Error("The CLI is not built: run `pnpm build` before the e2e tests.");
  }
  workDirectory = await mkdtemp(join(tmpdir(), "cli-bulk-e2e-"));
  s3 = await startS3Fixture();
  await s3.createBucket("bulk");
  emulator = await startEmulator({ port: 0, s3: { endpoint: s3.endpoint }, asyncJobDelayMs: 800 }); // long enough that the first poll of a job sees it InProgress
});

afterAll(async () => {
  await emulator?.close();
  await s3?.close();
  if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
});

const lines = (count: number) =>
  Array.from({ length: count }, (_unused, index) => `line ${index} about tide tables and harbour ${index}`);

describe("bedrock-embeddings batch and async commands as a child process", () => {
  it("batch submit, status and fetch: vectors in input order, the failed record on stderr, exit 1", async () => {
    const config = await writeConfig("batch.yaml");
    const texts = lines(110);
    texts[40] = Array.from({ length: 12_000 }, (_unused, index) => `t${index % 89}`).join(" ");
    const submitted = await run(
      ["batch", "submit", "--config", config, "--name", "cli-bulk"],
      `${texts.join("\n")}\n`,
    );
    expect(submitted.stderr).toContain("submitted batch job cli-bulk with 110 records");
    expect(submitted.code).toBe(0);
    const jobArn = submitted.stdout.trim();
    expect(jobArn).toMatch(/^arn:aws:bedrock:us-east-1:\d{12}:model-invocation-job\/\w+$/);

    const status = await run(["batch", "status", "--config", config, "--wait", jobArn]);
    expect(status.code).toBe(0);
    const [final] = jsonLines<{ status: string; records: { total: number; error: number } }>(status.stdout);
    expect(final).toMatchObject({ status: "PartiallyCompleted", records: { total: 110, error: 1 } });
    expect(status.stderr).toContain(`batch job ${jobArn}: `);

    const fetched = await run(["batch", "fetch", "--config", config, jobArn]);
    expect(fetched.code).toBe(1);
    const vectors = jsonLines<{ index: number; dimension: number; vector: number[] }>(fetched.stdout);
    expect(vectors.map((line) => line.index)).toEqual(
      texts.map((_text, index) => index).filter((index) => index !== 40),
    );
    expect(vectors.every((line) => line.dimension === 256 && line.vector.length === 256)).toBe(true);
    expect(fetched.stderr).toMatch(/record 40 \(R0000000014\) failed: 400 \S/);
    expect(fetched.stderr).toContain("fetched 109 of 110 vectors");
    expect(fetched.stderr).toMatch(/1 of 110 records failed/);
  });

  it("batch submit --wait prints a clean job's vectors and exits 0", async () => {
    const config = await writeConfig("batch-clean.yaml");
    const result = await run(["batch", "submit", "--config", config, "--wait"], `${lines(100).join("\n")}\n`);
    expect(result.code).toBe(0);
    const [arn, ...rest] = result.stdout.trim().split("\n");
    expect(arn).toMatch(/model-invocation-job/);
    expect(rest.map((line) => (JSON.parse(line) as { index: number }).index)).toEqual(
      lines(100).map((_l, i) => i),
    );
    expect(result.stderr).toContain("fetched 100 of 100 vectors");
  });

  it("batch submit below the minimum: refused without fallback, embedded on demand with it", async () => {
    const refused = await run(
      ["batch", "submit", "--config", await writeConfig("small.yaml")],
      "one\ntwo\nthree\n",
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/3 records are below the minimum of 100 per batch job/);
    expect(refused.stdout).toBe("");

    const fallback = await run(
      ["batch", "submit", "--config", await writeConfig("fallback.yaml", { allow_on_demand_fallback: true })],
      "one\ntwo\nthree\n",
    );
    expect(fallback.code).toBe(0);
    expect(jsonLines<{ index: number }>(fallback.stdout).map((line) => line.index)).toEqual([0, 1, 2]);
    expect(fallback.stderr).toMatch(/no batch job: 3 records are below the minimum of 100 .* on-demand/);
  });

  it("embed --s3 --type video: starts, shows progress while polling, prints segments", async () => {
    await s3.put("s3://bulk/clips/dock.mp4", new Uint8Array(32), { "duration-seconds": "11" });
    const config = await writeConfig("async.yaml");
    const result = await run([
      "embed",
      "--config",
      config,
      "--s3",
      "s3://bulk/clips/dock.mp4",
      "--type",
      "video",
      "--segment-seconds",
      "4",
    ]);
    expect(result.stderr).toMatch(
      /started async invocation arn:aws:bedrock:us-east-1:\d{12}:async-invoke\/[a-z0-9]{12}/,
    );
    expect(result.stderr).toMatch(/async invocation \S+: InProgress after \d+\.\ds; next check in/);
    expect(result.code).toBe(0);
    const segments = jsonLines<{
      segment: number;
      embeddingType: string;
      startSec: number;
      endSec: number;
      dimension: number;
    }>(result.stdout);
    expect(segments.map((segment) => [segment.segment, segment.startSec, segment.endSec])).toEqual([
      [0, 0, 4],
      [1, 4, 8],
      [2, 8, 11],
    ]);
    expect(segments.every((segment) => segment.dimension === 384)).toBe(true);
  });

  it("embed --resume prints an invocation started elsewhere; a failed one exits 1 with its message", async () => {
    const config = await writeConfig("resume.yaml");
    const client = new AsyncEmbeddingClient({
      region: "us-east-1",
      endpoint: emulator.url,
      credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
      model: NOVA,
      outputS3Uri: "s3://bulk/async-out/",
      s3: s3.settings,
    });
    const { invocationArn } = await client.startAsyncEmbedding({
      input: "A long letter about the harbour, the tides and the boats. ".repeat(40),
      options: { maxLengthChars: 1000, dimensions: 256 },
    });
    const resumed = await run(["embed", "--config", config, "--resume", invocationArn]);
    expect(resumed.code).toBe(0);
    const segments = jsonLines<{ startChar: number; embeddingType: string }>(resumed.stdout);
    expect(segments.length).toBeGreaterThan(1);
    expect(segments[0]).toMatchObject({ startChar: 0, embeddingType: "TEXT" });

    await s3.put(`s3://bulk/clips/${EMULATOR_FAIL_MARKER}.mp4`, new Uint8Array(32));
    const failed = await run([
      "embed",
      "--config",
      config,
      "--s3",
      `s3://bulk/clips/${EMULATOR_FAIL_MARKER}.mp4`,
      "--type",
      "video",
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe("");
    expect(failed.stderr).toMatch(/error: Async invocation \S+ failed: .*EMULATOR_FAIL/);
  });

  it("runs a batch job on the embedded emulator, which stores in the config's S3 endpoint", async () => {
    const file = join(workDirectory, "embedded.yaml");
    await writeFile(
      file,
      stringify({
        embedder: {
          provider: "aws_bedrock",
          config: { model: "amazon.titan-embed-text-v2:0", dimensions: 512 },
        },
        emulator: { embedded: true },
        s3: { endpoint: s3.endpoint, credentials: { ...S3RVER_CREDENTIALS } },
        batch: {
          inputS3Uri: "s3://bulk/embedded-in/",
          outputS3Uri: "s3://bulk/embedded-out/",
          roleArn: "arn:aws:iam::123456789012:role/bedrock-batch",
          pollIntervalMs: 50,
        },
      }),
    );
    const result = await run(["batch", "submit", "--config", file, "--wait"], `${lines(100).join("\n")}\n`);
    expect(result.stderr).toContain("fetched 100 of 100 vectors");
    expect(result.code).toBe(0);
    const [, first] = result.stdout.trim().split("\n");
    expect(JSON.parse(first!)).toMatchObject({ index: 0, dimension: 512 });
    const recordsFile = /\((s3:\/\/bulk\/embedded-in\/\S+\/records\.jsonl)\)/.exec(result.stderr)?.[1];
    expect((await s3.read(recordsFile!))?.trim().split("\n")).toHaveLength(100);
  });

  it("embed --image embeds a local image with a multimodal model; a text model refuses it", async () => {
    // A valid 1x1 PNG.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      "base64",
    );
    const image = join(workDirectory, "dot.png");
    await writeFile(image, png);
    const configFor = async (name: string, model: string) => {
      const file = join(workDirectory, name);
      await writeFile(
        file,
        stringify({ embedder: { provider: "aws_bedrock", config: { model } }, emulator: { embedded: true } }),
      );
      return file;
    };
    const result = await run([
      "embed",
      "--config",
      await configFor("image.yaml", "amazon.titan-embed-image-v1"),
      "--image",
      image,
    ]);
    expect(result.stderr).toContain(`embedded ${image} with amazon.titan-embed-image-v1`);
    expect(result.code).toBe(0);
    const [line] = jsonLines<{ file: string; embeddingType: string; dimension: number; vector: number[] }>(
      result.stdout,
    );
    expect(line).toMatchObject({ file: image, embeddingType: "IMAGE", dimension: 1024 });
    expect(Math.hypot(...line!.vector)).toBeCloseTo(1, 6);

    const refused = await run([
      "embed",
      "--config",
      await configFor("text.yaml", "amazon.titan-embed-text-v2:0"),
      "--image",
      image,
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/error: .*image/i);
  });

  it("embed --s3 stops on Ctrl-C, says how to resume, and exits 1", async () => {
    const slow = await startEmulator({ port: 0, s3: { endpoint: s3.endpoint }, asyncJobDelayMs: 600_000 });
    try {
      await s3.put("s3://bulk/clips/long.mp4", new Uint8Array(32), { "duration-seconds": "30" });
      const config = await writeConfig("interrupt.yaml", {}, slow);
      let interrupted = false;
      const result = await run(
        ["embed", "--config", config, "--s3", "s3://bulk/clips/long.mp4", "--type", "video"],
        "",
        (stderr, child) => {
          if (!interrupted && /InProgress after/.test(stderr)) {
            interrupted = true;
            child.kill("SIGINT");
          }
        },
      );
      expect(interrupted).toBe(true);
      expect(result.code).toBe(1);
      const arn = /started async invocation (\S+)/.exec(result.stderr)?.[1];
      expect(result.stderr).toContain(
        `resume with: bedrock-embeddings embed --config ${config} --resume ${arn}`,
      );
      expect(result.stderr).toMatch(/error: Stopped waiting for async invocation .*: aborted/);
    } finally {
      await slow.close();
    }
  });

  it("embed --s3 without --type is a usage error", async () => {
    const result = await run([
      "embed",
      "--config",
      await writeConfig("usage.yaml"),
      "--s3",
      "s3://bulk/clips/dock.mp4",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--s3 needs --type");
  });
});
