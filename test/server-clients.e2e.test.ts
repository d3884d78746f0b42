// Unmodified OpenAI-speaking clients over real HTTP against `startEmbeddingsServer`, every family
// served from the emulator; each vector must equal the in-process BedrockEmbedder's: exactly when
// the client asks for floats, within float32 rounding when it asks for base64 (float32 on the wire).
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { startEmbeddingsServer } from "@bedrock-embeddings/server";
import { OpenAIEmbeddings } from "@langchain/openai";
import { embedMany } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorFixture, invokeBodies, startEmulatorFixture } from "./support/emulator-fixture.js";
import { SERVED_FAMILIES, serverConfig, TEST_API_KEY, TEST_ENVIRONMENT } from "./support/served-families.js";

let fixture: EmulatorFixture;
let server: { url: string; close(): Promise<void> };
beforeAll(async () => {
  fixture = await startEmulatorFixture();
  server = await startEmbeddingsServer({
    config: serverConfig(fixture.emulator),
    environment: TEST_ENVIRONMENT,
  });
});
afterAll(async () => {
  await server?.close();
  await fixture?.emulator.close();
});

const texts = ["Lisbon is the coastal capital of Portugal", "Espresso is brewed under pressure", "Tennis"];

/** The in-process embedder of a family, with the alias's settings, in document mode (the server's default). */
async function inProcess(
  family: (typeof SERVED_FAMILIES)[number],
  inputs: readonly string[],
): Promise<number[][]> {
  const embedder = fixture.embedder({
    model: family.model,
    ...("dimensions" in family ? { dimensions: family.dimensions } : {}),
  });
  return embedder.embedBatch([...inputs], "add");
}

/** Asserts two lists of vectors are the same once both are rounded to float32. */
function expectSameAsFloat32(actual: readonly number[][], expected: readonly number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((vector, index) => {
    expect(Float32Array.from(vector)).toEqual(Float32Array.from(expected[index]!));
  });
}

function aiSdkProvider(fetchSpy?: typeof fetch) {
  return createOpenAICompatible({
    name: "bedrock-embeddings",
    baseURL: `${server.url}/v1`,
    apiKey: TEST_API_KEY,
    ...(fetchSpy ? { fetch: fetchSpy } : {}),
  });
}

describe.each(SERVED_FAMILIES)("$alias ($model) through the server", (family) => {
  it("LangChain OpenAIEmbeddings (base64 by default) returns the in-process vectors", async () => {
    const embeddings = new OpenAIEmbeddings({
      model: family.alias,
      apiKey: TEST_API_KEY,
      configuration: { baseURL: `${server.url}/v1` },
      maxRetries: 0,
    });
    const documents = await embeddings.embedDocuments(texts);
    const query = await embeddings.embedQuery(texts[0]!);
    const expected = await inProcess(family, texts);
    expectSameAsFloat32(documents, expected);
    expectSameAsFloat32([query], [expected[0]!]);
  });

  it("the AI SDK's openai-compatible provider (float) returns the in-process vectors exactly", async () => {
    const { embeddings } = await embedMany({
      model: aiSdkProvider().embeddingModel(family.alias),
      values: texts,
      maxRetries: 0,
    });
    // JSON floats carry every bit of the in-process doubles.
    expect(embeddings).toEqual(await inProcess(family, texts));
  });
});

describe("large requests", () => {
  it("embeds 2,048 inputs sent in one AI SDK request, in order, in full Cohere calls", async () => {
    const many = Array.from(
      { length: 2048 },
      (_, index) => `memory number ${index} about topic ${index % 37}`,
    );
    const requestBodies: string[] = [];
    const recording: typeof fetch = (input, init) => {
      requestBodies.push(String(init?.body ?? ""));
      return fetch(input, init);
    };
    fixture.emulator.clearRequests();
    const { embeddings } = await embedMany({
      model: aiSdkProvider(recording).embeddingModel("cohere-v4"),
      values: many,
      maxRetries: 0,
    });
    expect(requestBodies).toHaveLength(1);
    expect((JSON.parse(requestBodies[0]!) as { input: string[] }).input).toHaveLength(2048);
    const sent = invokeBodies(fixture.emulator).map((body) => (body["texts"] as string[]).length);
    expect(sent.reduce((sum, count) => sum + count, 0)).toBe(2048);
    expect(sent.length).toBe(Math.ceil(2048 / 96));
    // In order: spot checks across the request, against the in-process embedder.
    const positions = [0, 1, 95, 96, 1000, 2047];
    const cohereV4 = SERVED_FAMILIES.find((family) => family.alias === "cohere-v4")!;
    const expected = await inProcess(
      cohereV4,
      positions.map((position) => many[position]!),
    );
    expect(positions.map((position) => embeddings[position])).toEqual(expected);
  });
});
