import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "./index.js";
import { EMULATOR_DEFAULT_BEARER_TOKEN, startEmulator } from "./index.js";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ bearerTokens: [EMULATOR_DEFAULT_BEARER_TOKEN, "second-key"] });
});
afterAll(async () => {
  await emulator.close();
});

const bearer = { authorization: `Bearer ${EMULATOR_DEFAULT_BEARER_TOKEN}` };

function post(modelId: string, body: string, headers: Record<string, string> = bearer): Promise<Response> {
  return fetch(`${emulator.url}/model/${encodeURIComponent(modelId)}/invoke`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

async function expectAwsError(response: Response, status: number, errorType: string): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get("x-amzn-errortype")).toBe(
    `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
  );
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
  const body = (await response.json()) as { message: string };
  expect(Object.keys(body)).toEqual(["message"]);
  return body.message;
}

describe("plain fetch over HTTP/1.1", () => {
  it("answers the health check without authentication", async () => {
    const response = await fetch(`${emulator.url}/_emulator/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("sends Bedrock's success headers, with the token count matching the body", async () => {
    const before = Date.now();
    const response = await post(
      "amazon.titan-embed-text-v2:0",
      JSON.stringify({ inputText: "count my tokens please" }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { inputTextTokenCount: number };
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(response.headers.get("x-amzn-bedrock-invocation-latency"))).toBeGreaterThan(0);
    expect(Number(response.headers.get("x-amzn-bedrock-input-token-count"))).toBe(body.inputTextTokenCount);
    const date = Date.parse(response.headers.get("date") ?? "");
    expect(Math.abs(date - before)).toBeLessThan(5000);
    expect(emulator.requests.at(-1)).toMatchObject({
      httpVersion: "1.1",
      requestId: response.headers.get("x-amzn-requestid"),
    });
  });

  it("reports Cohere's token count only in the header, summed over the texts", async () => {
    const one = await post(
      "cohere.embed-english-v3",
      JSON.stringify({ texts: ["abcdefghij"], input_type: "clustering" }),
    );
    const two = await post(
      "cohere.embed-english-v3",
      JSON.stringify({ texts: ["abcdefghij", "abcdefghij"], input_type: "clustering" }),
    );
    const single = Number(one.headers.get("x-amzn-bedrock-input-token-count"));
    expect(single).toBeGreaterThan(0);
    expect(Number(two.headers.get("x-amzn-bedrock-input-token-count"))).toBe(2 * single);
    expect(JSON.stringify(await two.json())).not.toMatch(/token/i);
  });

  it("gives similar vectors to texts that share words", async () => {
    const embed = async (text: string) => {
      const response = await post("amazon.titan-embed-text-v2:0", JSON.stringify({ inputText: text }));
      return ((await response.json()) as { embedding: number[] }).embedding;
    };
    const [cat, catAgain, market] = await Promise.all([
      embed("the cat sat"),
      embed("a cat sat down"),
      embed("stock market news today"),
    ]);
    const dot = (left: number[], right: number[]) =>
      left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);
    expect(dot(cat, catAgain)).toBeGreaterThan(0.6);
    expect(dot(cat, market)).toBeLessThan(0.35);
    expect(dot(cat, catAgain)).toBeGreaterThan(dot(cat, market) + 0.3);
  });

  it("answers an unparseable body with Bedrock's generic malformed-input message", async () => {
    const message = await expectAwsError(
      await post("amazon.titan-embed-text-v1", "{not json"),
      400,
      "ValidationException",
    );
    expect(message).toBe("Malformed input request, please reformat your input and try again.");
    expect(emulator.requests.at(-1)?.body).toBeUndefined();
  });

  it("accepts a body without content-type and refuses unrelated content types", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${emulator.url}/model/amazon.titan-embed-text-v1/invoke`, {
        method: "POST",
        headers: bearer,
      });
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      request.end(JSON.stringify({ inputText: "no content type" }));
    });
    expect(status).toBe(200);
    expect(emulator.requests.at(-1)?.headers["content-type"]).toBeUndefined();
    const textPlain = await post("amazon.titan-embed-text-v1", "{}", {
      ...bearer,
      "content-type": "text/plain",
    });
    await expectAwsError(textPlain, 400, "ValidationException");
  });

  it("answers unknown routes with UnknownOperationException 404", async () => {
    await expectAwsError(
      await fetch(`${emulator.url}/model/x/converse`, { method: "POST" }),
      404,
      "UnknownOperationException",
    );
    await expectAwsError(
      await fetch(`${emulator.url}/model/amazon.titan-embed-text-v1/invoke`),
      404,
      "UnknownOperationException",
    );
  });

  it("rejects bodies over Bedrock's 25,000,000-byte cap", async () => {
    const huge = JSON.stringify({ inputText: "x".repeat(25_000_001) });
    const message = await expectAwsError(
      await post("amazon.titan-embed-text-v2:0", huge),
      400,
      "ValidationException",
    );
    expect(message).toContain("Member must have length less than or equal to 25000000");
  });
});

describe("bearer and missing authentication", () => {
  it("accepts every configured API key", async () => {
    const response = await post("amazon.titan-embed-text-v1", JSON.stringify({ inputText: "x" }), {
      authorization: "Bearer second-key",
    });
    expect(response.status).toBe(200);
  });

  it("rejects an unknown API key without echoing it", async () => {
    const response = await post("amazon.titan-embed-text-v1", JSON.stringify({ inputText: "x" }), {
      authorization: "Bearer guessed-key",
    });
    const message = await expectAwsError(response, 403, "AccessDeniedException");
    expect(message).not.toContain("guessed-key");
    expect(JSON.stringify(emulator.requests.at(-1))).not.toContain("guessed-key");
  });

  it("rejects requests without credentials", async () => {
    const response = await post("amazon.titan-embed-text-v1", JSON.stringify({ inputText: "x" }), {});
    expect(await expectAwsError(response, 403, "MissingAuthenticationTokenException")).toBe(
      "Missing Authentication Token",
    );
  });

  it("rejects a malformed SigV4 header", async () => {
    const response = await post("amazon.titan-embed-text-v1", JSON.stringify({ inputText: "x" }), {
      authorization: "AWS4-HMAC-SHA256 Credential=AKIDEMULATOR/20240101/us-east-1/bedrock/aws4_request",
    });
    const message = await expectAwsError(response, 403, "IncompleteSignatureException");
    expect(message).toContain("'SignedHeaders'");
  });

  it("skips every check with auth: none", async () => {
    const open = await startEmulator({ auth: "none" });
    try {
      const response = await fetch(`${open.url}/model/amazon.titan-embed-text-v1/invoke`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ inputText: "open" }),
      });
      expect(response.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe("fault injection over fetch", () => {
  it("fails the next requests with the injected error, then recovers, and clears the log", async () => {
    emulator.injectFaults([{ errorType: "ServiceUnavailableException", status: 503, times: 2 }]);
    const body = JSON.stringify({ inputText: "x" });
    expect(
      await expectAwsError(
        await post("amazon.titan-embed-text-v1", body),
        503,
        "ServiceUnavailableException",
      ),
    ).toBe("Service unavailable.");
    expect((await post("amazon.titan-embed-text-v1", body)).status).toBe(503);
    expect((await post("amazon.titan-embed-text-v1", body)).status).toBe(200);
    emulator.clearRequests();
    expect(emulator.requests).toHaveLength(0);
  });
});
