import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError } from "@bedrock-embeddings/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadServerConfig } from "./load-server-config.js";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "server-config-"));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

async function fileWith(name: string, text: string): Promise<string> {
  const file = join(directory, name);
  await writeFile(file, text);
  return file;
}

describe("loadServerConfig", () => {
  it("reads our format's server section, and a LiteLLM file by its model_list", async () => {
    const ours = await fileWith(
      "ours.yaml",
      "server:\n  models:\n    - name: t\n      embedder: { provider: aws_bedrock }\n",
    );
    expect(await loadServerConfig(ours, {})).toMatchObject({
      format: "bedrock-embeddings",
      server: { port: 4000 },
    });
    const litellm = await fileWith(
      "litellm.yaml",
      "model_list:\n  - model_name: t\n    litellm_params: { model: bedrock/amazon.titan-embed-text-v2:0 }\n",
    );
    expect(await loadServerConfig(litellm, {})).toMatchObject({ format: "litellm", app: undefined });
  });

  it("refuses a file of ours without a server section, naming it", async () => {
    const file = await fileWith("no-server.yaml", "embedder: { provider: aws_bedrock }\n");
    const error = await loadServerConfig(file, {}).catch((caught: unknown) => caught);
    expect(ConfigurationError.isInstance(error) && error.path).toBe("server");
  });
});
