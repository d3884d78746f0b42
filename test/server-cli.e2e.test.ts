// `bedrock-embeddings serve` (the BUILT CLI) reading a LiteLLM proxy config.yaml offline with
// --emulator, and refusing what it cannot serve with exit code 2 and the key's name.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorFixture, startEmulatorFixture } from "./support/emulator-fixture.js";
import { runCli } from "./support/run-cli.js";
import { startServeCli } from "./support/serve-cli.js";

const LITELLM_CONFIG = `model_list:
  - model_name: titan-embed
    litellm_params:
      model: bedrock/amazon.titan-embed-text-v2:0
      aws_region_name: us-east-1
      dimensions: 256
  - model_name: cohere-embed
    litellm_params:
      model: bedrock/cohere.embed-english-v3
      aws_region_name: us-east-1
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
`;

let fixture: EmulatorFixture;
let directory: string;
beforeAll(async () => {
  fixture = await startEmulatorFixture();
  directory = await mkdtemp(join(tmpdir(), "serve-cli-"));
});
afterAll(async () => {
  await fixture?.emulator.close();
  await rm(directory, { recursive: true, force: true });
});

async function configFile(name: string, text: string): Promise<string> {
  const file = join(directory, name);
  await writeFile(file, text);
  return file;
}

describe("serve with a LiteLLM config.yaml", () => {
  it("serves its Bedrock entries under their model_name, behind its master_key, offline with --emulator", async () => {
    const file = await configFile("config.yaml", LITELLM_CONFIG);
    const serve = await startServeCli(["--config", file, "--port", "0", "--emulator"], {
      LITELLM_MASTER_KEY: "sk-litellm-master",
    });
    try {
      const client = new OpenAI({ baseURL: `${serve.url}/v1`, apiKey: "sk-litellm-master", maxRetries: 0 });
      const listed = await client.models.list();
      expect(listed.data.map((model) => model.id)).toEqual(["titan-embed", "cohere-embed"]);
      const titan = await client.embeddings.create({
        model: "titan-embed",
        input: "Lisbon",
        encoding_format: "float",
      });
      const expected = await fixture
        .embedder({ model: "amazon.titan-embed-text-v2:0", dimensions: 256 })
        .embed("Lisbon", "add");
      expect(titan.data[0]!.embedding).toEqual(expected);
      const wrongKey = new OpenAI({ baseURL: `${serve.url}/v1`, apiKey: "sk-other", maxRetries: 0 });
      await expect(wrongKey.embeddings.create({ model: "cohere-embed", input: "x" })).rejects.toMatchObject({
        status: 401,
      });
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it("refuses a key it does not honour by name, with exit code 2", async () => {
    const file = await configFile(
      "unsupported.yaml",
      `${LITELLM_CONFIG}litellm_settings:\n  drop_params: true\n`,
    );
    const run = await runCli(["serve", "--config", file], {
      cwd: directory,
      environment: { LITELLM_MASTER_KEY: "k" },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("litellm_settings");
  });
});

describe("serve's access log", () => {
  it("writes one JSON line per request on stderr when access_log is on, without the key or the texts", async () => {
    const file = await configFile(
      "logged.yaml",
      `server:
  port: 0
  access_log: true
  api_keys: ["\${EMBEDDINGS_API_KEY}"]
  models:
    - name: titan-v2
      embedder: { provider: aws_bedrock, config: { model: amazon.titan-embed-text-v2:0 } }
`,
    );
    const serve = await startServeCli(["--config", file, "--emulator"], {
      EMBEDDINGS_API_KEY: "sk-logged-key",
    });
    try {
      const client = new OpenAI({ baseURL: `${serve.url}/v1`, apiKey: "sk-logged-key", maxRetries: 0 });
      await client.embeddings.create({ model: "titan-v2", input: "a private sentence", user: "user-4711" });
    } finally {
      expect(await serve.stop()).toBe(0);
    }
    const lines = serve.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      method: "POST",
      path: "/v1/embeddings",
      status: 200,
      model: "titan-v2",
    });
    for (const secret of ["sk-logged-key", "a private sentence", "user-4711"])
      expect(serve.stderr()).not.toContain(secret);
  });
});

describe("serve refuses to start", () => {
  const OURS = `server:
  models:
    - name: titan-v2
      embedder: { provider: aws_bedrock, config: { model: amazon.titan-embed-text-v2:0 } }
`;

  it("on a host other machines reach without api_keys, naming server.api_keys", async () => {
    const file = await configFile("open.yaml", OURS);
    const run = await runCli(["serve", "--config", file, "--host", "0.0.0.0", "--emulator"], {
      cwd: directory,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("server.api_keys");
  });

  it("on a port in use, naming --port", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const file = await configFile("busy.yaml", OURS);
      const run = await runCli(["serve", "--config", file, "--port", String(port), "--emulator"], {
        cwd: directory,
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("--port");
      expect(run.stdout).toBe("");
    } finally {
      blocker.close();
    }
  });
});
