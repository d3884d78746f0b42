// The BUILT CLI's `serve` against the emulator, called by the unmodified `openai` npm client (its
// default base64 and float), by curl, and stopped with SIGTERM while requests are in flight.
import { execFile, execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorFixture, invokeBodies, startEmulatorFixture } from "./support/emulator-fixture.js";
import { type ServeProcess, startServeCli } from "./support/serve-cli.js";
import {
  SERVED_FAMILIES,
  serverConfigText,
  TEST_API_KEY,
  TEST_ENVIRONMENT,
} from "./support/served-families.js";

let fixture: EmulatorFixture;
let directory: string;
let configFile: string;
let serve: ServeProcess;
let client: OpenAI;

beforeAll(async () => {
  fixture = await startEmulatorFixture();
  directory = await mkdtemp(join(tmpdir(), "serve-openai-"));
  configFile = join(directory, "server.yaml");
  await writeFile(configFile, serverConfigText(fixture.emulator));
  serve = await startServeCli(["--config", configFile], { ...TEST_ENVIRONMENT });
  client = new OpenAI({ baseURL: `${serve.url}/v1`, apiKey: TEST_API_KEY, maxRetries: 0 });
});
afterAll(async () => {
  await serve?.stop();
  await fixture?.emulator.close();
  await rm(directory, { recursive: true, force: true });
});

const texts = ["Lisbon is the coastal capital of Portugal", "Espresso is brewed under pressure"];

describe.each(SERVED_FAMILIES)("the openai client against `serve`, $alias ($model)", (family) => {
  async function inProcess(): Promise<number[][]> {
    const embedder = fixture.embedder({
      model: family.model,
      ...("dimensions" in family ? { dimensions: family.dimensions } : {}),
    });
    return embedder.embedBatch(texts, "add");
  }

  it("default request (base64 on the wire) decodes to the in-process vectors in float32", async () => {
    const response = await client.embeddings.create({ model: family.alias, input: texts });
    const expected = await inProcess();
    expect(response.data.map((item) => item.index)).toEqual([0, 1]);
    response.data.forEach((item, index) => {
      expect(Float32Array.from(item.embedding)).toEqual(Float32Array.from(expected[index]!));
    });
    expect(response.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it("encoding_format float returns the in-process vectors exactly", async () => {
    const response = await client.embeddings.create({
      model: family.alias,
      input: texts,
      encoding_format: "float",
    });
    expect(response.data.map((item) => item.embedding)).toEqual(await inProcess());
  });
});

describe("serve over HTTP", () => {
  it("embeds 2,048 inputs of one request in ceil(2048 / 96) Cohere calls, in order", async () => {
    const many = Array.from({ length: 2048 }, (_unused, position) => `memory number ${position}`);
    const before = invokeBodies(fixture.emulator).length;
    const response = await client.embeddings.create({
      model: "cohere-v3",
      input: many,
      encoding_format: "float",
    });
    expect(response.data).toHaveLength(2048);
    expect(invokeBodies(fixture.emulator).length - before).toBe(Math.ceil(2048 / 96));
    const expected = await fixture
      .embedder({ model: "cohere.embed-english-v3" })
      .embedBatch(many.slice(-2), "add");
    expect(response.data.slice(-2).map((item) => item.embedding)).toEqual(expected);
  });

  // curl runs asynchronously: the emulator answering the server lives in this process.
  it("answers curl with the OpenAI shape and an OpenAI error for a bad key", async () => {
    const curl = curlPath();
    const body = JSON.stringify({ model: "titan-v2", input: "from curl", encoding_format: "float" });
    const answer = await curlOutput(curl, [
      "-sS",
      "-H",
      `Authorization: Bearer ${TEST_API_KEY}`,
      "-H",
      "Content-Type: application/json",
      "-d",
      body,
      `${serve.url}/v1/embeddings`,
    ]);
    const parsed = JSON.parse(answer) as { object: string; data: { embedding: number[] }[]; model: string };
    expect(parsed.object).toBe("list");
    expect(parsed.model).toBe("titan-v2");
    expect(parsed.data[0]!.embedding).toHaveLength(512);
    const refused = await curlOutput(curl, [
      "-sS",
      "-i",
      "-H",
      "Authorization: Bearer nope",
      "-d",
      body,
      `${serve.url}/v1/embeddings`,
    ]);
    expect(refused).toMatch(/^HTTP\/1\.1 401/);
    expect(refused).toMatch(/x-request-id: req_/i);
    expect(refused).toContain('"code":"invalid_api_key"');
  });

  it("the openai client surfaces a 404 for an unknown alias", async () => {
    await expect(client.embeddings.create({ model: "gpt-4", input: "x" })).rejects.toMatchObject({
      status: 404,
      code: "model_not_found",
    });
  });
});

describe("SIGTERM", () => {
  it("stops accepting, answers every request in flight, and exits 0", async () => {
    const own = await startServeCli(["--config", configFile], { ...TEST_ENVIRONMENT });
    fixture.emulator.setTraffic({ defaults: { latencyMs: 400 } });
    try {
      const ownClient = new OpenAI({ baseURL: `${own.url}/v1`, apiKey: TEST_API_KEY, maxRetries: 0 });
      const inFlight = Array.from({ length: 8 }, (_unused, position) =>
        ownClient.embeddings.create({
          model: "titan-v2",
          input: `in flight ${position}`,
          encoding_format: "float",
        }),
      );
      // Every request has reached the server (and waits on the slow emulator) before the signal.
      await waitFor(async () =>
        /embeddings_server_embeddings_in_flight 8\b/.test(await (await fetch(`${own.url}/metrics`)).text()),
      );
      own.child.kill("SIGTERM");
      const answers = await Promise.all(inFlight);
      expect(answers.map((answer) => answer.data[0]!.embedding.length)).toEqual(Array(8).fill(512));
      expect(await own.exited).toBe(0);
      await expect(fetch(`${own.url}/health`)).rejects.toThrow();
    } finally {
      fixture.emulator.setTraffic({ defaults: {} });
      own.child.kill("SIGKILL");
    }
  });
});

function curlPath(): string {
  try {
    return execFileSync("which", ["curl"]).toString().trim();
  } catch (error) {
    throw new Error("curl is not installed: this test calls the server with curl (apt-get install curl).", {
      cause: error,
    });
  }
}

async function curlOutput(curl: string, args: string[]): Promise<string> {
  return (await promisify(execFile)(curl, args)).stdout;
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 10) {
    if (waited > 5_000) throw new Error("gave up waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
