import { type RunningEmulator, startEmulator } from "@bedrock-embeddings/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appOnEmulator, embeddingsRequest } from "./create-embeddings-app.test-helpers.js";

let emulator: RunningEmulator;
let served: ReturnType<typeof appOnEmulator>;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  served = appOnEmulator(emulator, { models: MODELS });
});
afterAll(() => emulator.close());

const MODELS = [
  {
    name: "titan-v2",
    embedder: {
      provider: "aws_bedrock" as const,
      config: { model: "amazon.titan-embed-text-v2:0", dimensions: 512 },
    },
  },
  {
    name: "cohere",
    embedder: {
      provider: "aws_bedrock" as const,
      config: { model: "cohere.embed-english-v3", maxAttempts: 1 },
    },
  },
];

function decodeBase64(text: string): number[] {
  const bytes = Buffer.from(text, "base64");
  return Array.from({ length: bytes.length / 4 }, (_unused, position) => bytes.readFloatLE(position * 4));
}

async function errorOf(response: Response) {
  const body = (await response.json()) as {
    error: { message: string; type: string; param: string | null; code: string };
  };
  return { status: response.status, ...body.error };
}

describe("POST /v1/embeddings", () => {
  const app = { request: (path: string, init?: RequestInit) => served.app.request(path, init) };

  it("answers floats by default and little-endian float32 base64 when asked, same vectors as the embedder", async () => {
    const floats = await app.request(
      "/v1/embeddings",
      embeddingsRequest({ model: "titan-v2", input: ["alpha", "beta"] }),
    );
    expect(floats.status).toBe(200);
    expect(floats.headers.get("x-request-id")).toMatch(/^req_/);
    const body = (await floats.json()) as {
      object: string;
      model: string;
      data: { object: string; index: number; embedding: number[] }[];
      usage: { prompt_tokens: number; total_tokens: number };
    };
    expect(body.object).toBe("list");
    expect(body.model).toBe("titan-v2");
    expect(body.data.map((item) => [item.object, item.index])).toEqual([
      ["embedding", 0],
      ["embedding", 1],
    ]);
    const direct = await served.models
      .resolve("titan-v2", undefined)
      .embedder.embedBatch(["alpha", "beta"], "add");
    expect(body.data.map((item) => item.embedding)).toEqual(direct);
    expect(body.usage.prompt_tokens).toBeGreaterThan(0);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens);

    const encoded = await app.request(
      "/v1/embeddings",
      embeddingsRequest({ model: "titan-v2", input: "alpha", encoding_format: "base64" }),
    );
    const [item] = ((await encoded.json()) as { data: { embedding: string }[] }).data;
    const decoded = decodeBase64(item!.embedding);
    expect(decoded).toHaveLength(512);
    expect(decoded).toEqual(direct[0]!.map((value) => Math.fround(value)));
  });

  it("maps dimensions to the model's own size, and refuses one the model cannot return", async () => {
    const smaller = await app.request(
      "/v1/embeddings",
      embeddingsRequest({ model: "titan-v2", input: "x", dimensions: 256 }),
    );
    expect(((await smaller.json()) as { data: { embedding: number[] }[] }).data[0]!.embedding).toHaveLength(
      256,
    );
    const refused = await errorOf(
      await app.request(
        "/v1/embeddings",
        embeddingsRequest({ model: "titan-v2", input: "x", dimensions: 100 }),
      ),
    );
    expect(refused).toMatchObject({ status: 400, param: "dimensions", type: "invalid_request_error" });
    expect(refused.message).toContain("256");
  });

  it("sends input_type search_query as Cohere's query mode", async () => {
    const before = emulator.requests.length;
    const response = await app.request(
      "/v1/embeddings",
      embeddingsRequest({ model: "cohere", input: "where?", input_type: "search_query" }),
    );
    expect(response.status).toBe(200);
    expect(
      emulator.requests.slice(before).map((request) => (request.body as { input_type: string }).input_type),
    ).toEqual(["search_query"]);
  });

  it.each([
    ["token ids", { model: "titan-v2", input: [1, 2, 3] }, "input", "take text"],
    ["token-id arrays", { model: "titan-v2", input: [[1, 2]] }, "input", "take text"],
    ["an empty string", { model: "titan-v2", input: ["ok", ""] }, "input", "input[1]"],
    ["an empty list", { model: "titan-v2", input: [] }, "input", "empty"],
    [
      "input_type and memory_action that disagree",
      { model: "cohere", input: "a", input_type: "search_query", memory_action: "add" },
      "input_type",
      "disagree",
    ],
    ["2,049 inputs", { model: "titan-v2", input: Array.from({ length: 2049 }, () => "a") }, "input", "2048"],
    [
      "an unknown encoding",
      { model: "titan-v2", input: "a", encoding_format: "int8" },
      "encoding_format",
      "encoding_format",
    ],
    ["no model", { input: "a" }, "model", "model"],
    [
      "a text over the model's limit",
      { model: "titan-v2", input: ["fine", "word ".repeat(20_000)] },
      "input",
      "input[1]",
    ],
  ])("refuses %s with a 400 naming the field", async (_name, body, param, words) => {
    const problem = await errorOf(await app.request("/v1/embeddings", embeddingsRequest(body)));
    expect(problem).toMatchObject({ status: 400, type: "invalid_request_error", param });
    expect(problem.message).toContain(words);
  });

  it("refuses a body that is not JSON with a 400", async () => {
    expect(await errorOf(await app.request("/v1/embeddings", embeddingsRequest("{nope")))).toMatchObject({
      status: 400,
    });
  });

  it("answers 404 for an unknown model alias and an unknown path, with a request id", async () => {
    const unknownModel = await app.request(
      "/v1/embeddings",
      embeddingsRequest({ model: "gpt-4", input: "a" }),
    );
    expect(await errorOf(unknownModel)).toMatchObject({
      status: 404,
      code: "model_not_found",
      param: "model",
    });
    const unknownPath = await app.request("/v1/chat/completions", { method: "POST" });
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("maps Bedrock throttling to 429, unavailability to 503 (both with retry-after) and access denial to 500", async () => {
    const cases = [
      [{ errorType: "ThrottlingException", status: 429 }, 429],
      [{ errorType: "ServiceUnavailableException", status: 503 }, 503],
      [{ errorType: "AccessDeniedException", status: 403 }, 500],
    ] as const;
    for (const [fault, status] of cases) {
      emulator.injectFaults([{ ...fault, times: 1, modelId: "cohere.embed-english-v3" }]);
      const response = await app.request(
        "/v1/embeddings",
        embeddingsRequest({ model: "cohere", input: `fault ${status}` }),
      );
      expect(response.status).toBe(status);
      expect(response.headers.get("retry-after") !== null).toBe(status !== 500);
      expect(JSON.stringify(await response.json())).not.toContain("fault");
    }
  });

  it("writes access log lines without the user field or the texts", async () => {
    served.logLines.length = 0;
    await app.request(
      "/v1/embeddings",
      embeddingsRequest({ model: "titan-v2", input: "secret text", user: "user-4711" }),
    );
    expect(served.logLines).toHaveLength(1);
    expect(JSON.parse(served.logLines[0]!)).toMatchObject({
      method: "POST",
      path: "/v1/embeddings",
      status: 200,
      model: "titan-v2",
      inputs: 1,
    });
    expect(served.logLines[0]).not.toContain("secret text");
    expect(served.logLines[0]).not.toContain("user-4711");
  });
});
