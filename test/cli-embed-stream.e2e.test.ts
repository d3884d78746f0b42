import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { assertCliBuilt, type CliRun, runCli } from "./support/run-cli.js";

const TITAN = "amazon.titan-embed-text-v2:0";
const credentials = {
  AWS_ACCESS_KEY_ID: EMULATOR_DEFAULT_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: EMULATOR_DEFAULT_CREDENTIALS.secretAccessKey,
};

interface VectorLine {
  index: number;
  line?: number;
  dimension: number;
  vector?: number[];
  vectorBase64?: string;
}

let workDirectory: string;
let emulator: RunningEmulator;

beforeAll(async () => {
  assertCliBuilt();
  workDirectory = await mkdtemp(join(tmpdir(), "cli-embed-stream-e2e-"));
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emulator?.close();
  if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
});

function embed(args: string[], input = "", environment: Record<string, string> = {}): Promise<CliRun> {
  return runCli(["embed", ...args], { cwd: workDirectory, input, environment });
}

function vectorLines(text: string): VectorLine[] {
  return text
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as VectorLine);
}

/** Indexes named on stderr as failed: `input 4 (stdin line 5) failed: ...` or `inputs 4-9 (...) failed: ...`. */
function failedIndexes(stderr: string): number[] {
  const indexes: number[] = [];
  for (const match of stderr.matchAll(/^inputs? (\d+)(?:-(\d+))? \(stdin lines? [\d-]+\) failed: /gm)) {
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    for (let index = first; index <= last; index++) indexes.push(index);
  }
  return indexes;
}

async function configFile(name: string, url: string, extra: Record<string, unknown> = {}): Promise<string> {
  const file = join(workDirectory, name);
  await writeFile(
    file,
    stringify({
      embedder: {
        provider: "aws_bedrock",
        config: {
          model: TITAN,
          region: "us-east-1",
          endpoint: url,
          credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
          dimensions: 256,
          ...extra,
        },
      },
    }),
  );
  return file;
}

const texts = (count: number) =>
  Array.from({ length: count }, (_unused, index) => `note ${index} about harbour tides and ferries ${index}`);

describe("embed streams, reports and resumes", () => {
  it("keeps the vectors done before the endpoint died, names each failure, exits 1, and resumes with --output", async () => {
    const dying = await startEmulator({ port: 0, traffic: { defaults: { latencyMs: 15 } } });
    const input = `${texts(300).join("\n")}\n`;
    // One attempt per call, so the calls after the endpoint died fail at once.
    const config = await configFile("dying.yaml", dying.url, { max_attempts: 1 });
    const invokes = () => dying.requests.filter((request) => request.path.endsWith("/invoke")).length;
    let closed: Promise<void> | undefined;
    const watcher = setInterval(() => {
      if (closed === undefined && invokes() >= 50) closed = dying.close();
    }, 2);
    let first: CliRun;
    try {
      first = await embed(["--config", config, "--progress"], input);
    } finally {
      clearInterval(watcher);
      await (closed ?? dying.close());
    }
    expect(closed).toBeDefined();
    expect(first.code).toBe(1);
    const written = vectorLines(first.stdout);
    const failed = failedIndexes(first.stderr);
    expect(written.length).toBeGreaterThanOrEqual(25);
    expect(written.length).toBeLessThan(300);
    // In input order, and every input either written or named as failed, never both.
    expect(written.map((line) => line.index)).toEqual(
      [...written.map((line) => line.index)].sort((a, b) => a - b),
    );
    expect([...written.map((line) => line.index), ...failed].sort((a, b) => a - b)).toEqual(
      texts(300).map((_text, index) => index),
    );
    expect(written.every((line) => line.line === line.index + 1 && line.vector?.length === 256)).toBe(true);
    // The bar counts the failures apart and never claims the whole batch.
    expect(first.stderr).toContain(`${written.length} embedded, ${failed.length} failed of 300 texts`);
    expect(first.stderr).not.toContain("300/300");
    expect(first.stderr).toContain("--output");

    const output = join(workDirectory, "resumed.jsonl");
    await writeFile(output, first.stdout);
    emulator.clearRequests();
    const resumed = await embed(["--config", config, "--endpoint", emulator.url, "--output", output], input);
    expect(resumed.stderr).toContain(`${written.length} of 300 inputs are already in ${output}`);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe("");
    // Only what was missing was sent (Titan embeds one text per call).
    expect(emulator.requests.filter((request) => request.path.endsWith("/invoke"))).toHaveLength(
      failed.length,
    );
    const all = vectorLines(await readFile(output, "utf8"));
    expect(all.map((line) => line.index).sort((a, b) => a - b)).toEqual(
      texts(300).map((_text, index) => index),
    );
    expect(all.every((line) => line.vector?.length === 256)).toBe(true);

    const again = await embed(["--config", config, "--endpoint", emulator.url, "--output", output], input);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`300 of 300 inputs are already in ${output}`);
  });

  it("a whitespace-only stdin line is one failure, named by index and line; the rest is embedded", async () => {
    const result = await embed(
      ["--config", await configFile("blank.yaml", emulator.url)],
      "alpha tides\n\n   \nbeta ferries\n",
    );
    expect(result.code).toBe(1);
    expect(vectorLines(result.stdout).map((line) => [line.index, line.line])).toEqual([
      [0, 1],
      [2, 4],
    ]);
    expect(result.stderr).toMatch(
      /^input 1 \(stdin line 3\) failed: the text is empty or only whitespace\./m,
    );
    expect(failedIndexes(result.stderr)).toEqual([1]);
  });

  it("--model, --region and --endpoint embed without a config file; neither --config nor --model is a usage error", async () => {
    const result = await embed(
      ["--model", TITAN, "--region", "us-east-1", "--endpoint", emulator.url, "harbour at dawn"],
      "",
      credentials,
    );
    expect(result.stderr).toContain(`with ${TITAN}`);
    expect(result.code).toBe(0);
    const [line] = vectorLines(result.stdout);
    expect(line).toMatchObject({ index: 0, dimension: 1024 });

    const missing = await embed(["harbour at dawn"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--config.*--model/);
  });

  it("--precision rounds the floats; --format base64 writes little-endian float32", async () => {
    const config = await configFile("formats.yaml", emulator.url);
    const [full] = vectorLines((await embed(["--config", config, "ferries at noon"])).stdout);
    const rounded = await embed(["--config", config, "--precision", "4", "ferries at noon"]);
    expect(rounded.code).toBe(0);
    const [short] = vectorLines(rounded.stdout);
    expect(short!.vector).toHaveLength(256);
    short!.vector!.forEach((value, index) => {
      expect(Math.abs(value - full!.vector![index]!)).toBeLessThanOrEqual(0.00005 + 1e-12);
      expect(String(value)).toMatch(/^-?\d+(\.\d{1,4})?$/);
    });

    const packed = await embed(["--config", config, "--format", "base64", "ferries at noon"]);
    expect(packed.code).toBe(0);
    const [binary] = vectorLines(packed.stdout);
    expect(binary).toMatchObject({ index: 0, dimension: 256 });
    const bytes = Buffer.from(binary!.vectorBase64!, "base64");
    expect(bytes.length).toBe(256 * 4);
    const decoded = Array.from({ length: 256 }, (_unused, index) => bytes.readFloatLE(index * 4));
    decoded.forEach((value, index) => {
      expect(value).toBeCloseTo(full!.vector![index]!, 6);
    });

    const both = await embed(["--config", config, "--format", "base64", "--precision", "3", "x"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--precision");
  });

  it.each([
    ["--type", "video"],
    ["--segment-seconds", "10"],
    ["--segment-chars", "500"],
  ])("refuses %s without --s3 (a usage error naming the flag)", async (flag, value) => {
    const result = await embed([
      "--config",
      await configFile("async-only.yaml", emulator.url),
      flag,
      value,
      "harbour",
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`${flag} applies only to --s3`);
  });
});
