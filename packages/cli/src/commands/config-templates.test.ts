import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bedrockProvider } from "@bedrock-embeddings/bedrock";
import { createEmbedder, loadConfig } from "@bedrock-embeddings/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configTemplate } from "./config-templates.js";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "config-templates-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function load(target: "emulator" | "aws", environment: Record<string, string>) {
  const file = join(folder, `${target}.yaml`);
  await writeFile(file, configTemplate(target));
  return loadConfig(file, {
    environment,
    validate: (config) => createEmbedder(config.embedder, { providers: [bedrockProvider], environment }),
  });
}

describe("configTemplate", () => {
  it("writes an emulator config the real loader accepts: embedded emulator, Titan v2, file store beside it", async () => {
    const config = await load("emulator", {});
    expect(config.emulator.embedded).toBe(true);
    expect(config.embedder.config).toMatchObject({ model: "amazon.titan-embed-text-v2:0", dimensions: 512 });
    expect(config.vectorStore).toEqual({ provider: "file", config: { path: join(folder, ".data/memory") } });
  });

  it("writes an AWS config the real loader accepts, with the region from AWS_REGION and no credentials in it", async () => {
    const config = await load("aws", { AWS_REGION: "eu-west-1" });
    expect(config.emulator.embedded).toBe(false);
    expect(config.embedder.config.region).toBe("eu-west-1");
    expect(config.embedder.config.credentials).toBeUndefined();
    expect((await load("aws", {})).embedder.config.region).toBe("us-east-1");
  });

  it("keeps every credential line a ${VAR} reference, so the commented hints load once uncommented", async () => {
    const uncommented = configTemplate("aws").replace(/^ {4}# (credentials:| {2}\w+_key\w*:)/gm, "    $1");
    expect(uncommented).toContain("    credentials:\n      access_key_id: ${AWS_ACCESS_KEY_ID}");
    const file = join(folder, "uncommented.yaml");
    await writeFile(file, uncommented);
    const config = await loadConfig(file, {
      environment: { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "example-secret" },
    });
    expect(config.embedder.config.credentials).toEqual({
      accessKeyId: "AKIDEXAMPLE",
      secretAccessKey: "example-secret",
    });
  });
});
