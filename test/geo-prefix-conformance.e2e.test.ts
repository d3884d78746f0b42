import { BedrockRuntimeClient, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { BedrockEmbedder } from "@bedrock-embeddings/bedrock";
import { GEO_PREFIXES } from "@bedrock-embeddings/core";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";
import { resolveTitanModel } from "@bedrock-embeddings/langchain/aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The emulator's own reading of AWS's documentation, deliberately not shared with the client.
import { servedGeoPrefixes } from "../packages/emulator/src/models/geo-prefixes.js";

const clientPrefixes: readonly string[] = GEO_PREFIXES;
// Prefixes that look plausible but are not cross-region profile geographies (ca. once split the clients).
const lookalikes = ["ca", "sa", "ap", "gov", "us-east-1"];
const candidates = [...new Set([...clientPrefixes, ...servedGeoPrefixes, ...lookalikes])];

let emulator: RunningEmulator;
let client: BedrockRuntimeClient;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  client = new BedrockRuntimeClient({
    region: "us-east-1",
    endpoint: emulator.url,
    credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
  });
});
afterAll(async () => {
  client.destroy();
  await emulator.close();
});

async function emulatorServes(modelId: string): Promise<boolean> {
  try {
    await client.send(
      new InvokeModelCommand({
        modelId,
        contentType: "application/json",
        body: JSON.stringify({ inputText: "geo prefix probe", dimensions: 256 }),
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: unknown }).name === "ValidationException") return false;
    throw error;
  }
}

function accepts(resolve: () => unknown): boolean {
  try {
    resolve();
    return true;
  } catch {
    return false;
  }
}

describe("geo prefixes: the clients and the emulator agree", () => {
  it("the emulator's list is exactly the client's list", () => {
    expect([...servedGeoPrefixes].sort()).toEqual([...clientPrefixes].sort());
  });

  it.each(candidates)("%s. is accepted by all or refused by all", async (prefix) => {
    const modelId = `${prefix}.amazon.titan-embed-text-v2:0`;
    const expected = clientPrefixes.includes(prefix);
    expect({
      bedrock: accepts(() => new BedrockEmbedder({ model: modelId, region: "us-east-1" })),
      langchain: accepts(() => resolveTitanModel(modelId)),
      emulator: await emulatorServes(modelId),
    }).toEqual({ bedrock: expected, langchain: expected, emulator: expected });
  });
});
