import http from "node:http";
import type { BedrockRuntimeClientConfig } from "@aws-sdk/client-bedrock-runtime";
import { BedrockRuntimeClient, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../index.js";
import {
  EMULATOR_DEFAULT_BEARER_TOKEN,
  EMULATOR_DEFAULT_CREDENTIALS,
  startEmulator,
  TrafficSettingsError,
} from "../index.js";
import { mulberry32 } from "./mulberry32.js";

const titanV2 = "amazon.titan-embed-text-v2:0";
const titanV1 = "amazon.titan-embed-text-v1";

let emulator: RunningEmulator;
const clients: BedrockRuntimeClient[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await emulator.close();
});

beforeEach(() => {
  emulator.setTraffic({});
  emulator.resetStats();
  emulator.clearRequests();
});

// The stock client: default HTTP/2 handler, SigV4, no retries unless asked.
function sdkClient(overrides: Partial<BedrockRuntimeClientConfig> = {}): BedrockRuntimeClient {
  const client = new BedrockRuntimeClient({
    region: "us-east-1",
    endpoint: emulator.url,
    credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
    maxAttempts: 1,
    ...overrides,
  });
  clients.push(client);
  return client;
}

function invokeCommand(text = "hello world", modelId = titanV2): InvokeModelCommand {
  return new InvokeModelCommand({
    modelId,
    contentType: "application/json",
    body: JSON.stringify({ inputText: text }),
  });
}

/** The SDK's outcome for one call: "ok" or the error it threw. */
async function sdkOutcome(client: BedrockRuntimeClient, modelId = titanV2): Promise<unknown> {
  try {
    await client.send(invokeCommand("hello world", modelId));
    return "ok";
  } catch (error) {
    return error;
  }
}

/** HTTP/1.1 with a Bedrock API key. */
function fetchInvoke(text = "hello world", modelId = titanV2, signal?: AbortSignal): Promise<Response> {
  return fetch(`${emulator.url}/model/${encodeURIComponent(modelId)}/invoke`, {
    method: "POST",
    ...(signal ? { signal } : {}),
    headers: { authorization: `Bearer ${EMULATOR_DEFAULT_BEARER_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ inputText: text }),
  });
}

async function statuses(count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let index = 0; index < count; index++) seen.push((await fetchInvoke()).status);
  return seen;
}

async function expectHealthy(): Promise<void> {
  expect((await fetch(`${emulator.url}/_emulator/health`)).status).toBe(200);
  expect(await sdkOutcome(sdkClient())).toBe("ok");
}

describe("faults seen by the stock AWS SDK client", () => {
  it.each([
    ["throttling", "ThrottlingException", 429, "Too many requests, please wait before trying again."],
    ["serviceUnavailable", "ServiceUnavailableException", 503, "Service unavailable."],
    [
      "internalServerError",
      "InternalServerException",
      500,
      "The server encountered an internal error while processing the request.",
    ],
    ["modelNotReady", "ModelNotReadyException", 429, "Model is not ready for inference."],
  ])("%s: %s %i", async (fault, name, status, message) => {
    emulator.setTraffic({ defaults: { faults: { [fault]: 1 } } });
    const error = await sdkOutcome(sdkClient());
    expect(error).toMatchObject({ name, message, $metadata: { httpStatusCode: status } });
    expect(emulator.requests.at(-1)).toMatchObject({ status, errorType: name, fault });
    expect(emulator.stats()).toMatchObject({ requests: 1, served: 0, faults: { [fault]: 1 } });
  });

  it("connectionReset: the HTTP/2 stream is refused, the SDK fails, the server keeps serving", async () => {
    emulator.setTraffic({ defaults: { faults: { connectionReset: 1 } } });
    const client = sdkClient();
    const error = await sdkOutcome(client);
    expect(error).toMatchObject({ code: "ERR_HTTP2_STREAM_ERROR" });
    expect((error as Error).message).toContain("NGHTTP2_REFUSED_STREAM");
    expect(emulator.requests.at(-1)).toMatchObject({ status: 0, fault: "connectionReset" });
    expect(emulator.requests.at(-1)?.errorType).toBeUndefined();
    expect(emulator.stats()).toMatchObject({ byStatus: { "0": 1 }, faults: { connectionReset: 1 } });
    emulator.setTraffic({});
    // The same client (same HTTP/2 session) still works.
    expect(await sdkOutcome(client)).toBe("ok");
    await expectHealthy();
  });

  it("connectionReset: the SDK's standard retry strategy treats it as transient and retries", async () => {
    // A seed whose first request is reset (draw < 0.5) and whose second is not; two draws per request.
    const seed = Array.from({ length: 100 }, (_, candidate) => candidate).find((candidate) => {
      const random = mulberry32(candidate);
      const draws = [random(), random(), random()];
      return draws[0]! < 0.5 && draws[2]! >= 0.5;
    });
    emulator.setTraffic({ seed, defaults: { faults: { connectionReset: 0.5 } } });
    expect(await sdkOutcome(sdkClient({ maxAttempts: 2 }))).toBe("ok");
    expect(emulator.requests.map((request) => request.status)).toEqual([0, 200]);
  });

  it("connectionReset over HTTP/1.1: the socket is destroyed without an answer", async () => {
    emulator.setTraffic({ defaults: { faults: { connectionReset: 1 } } });
    await expect(fetchInvoke()).rejects.toThrow();
    expect(emulator.requests.at(-1)).toMatchObject({ status: 0, httpVersion: "1.1" });
    emulator.setTraffic({});
    await expectHealthy();
  });

  it("truncatedBody: the SDK gets a 200 whose body breaks off and fails", async () => {
    emulator.setTraffic({ defaults: { faults: { truncatedBody: 1 } } });
    const error = await sdkOutcome(sdkClient());
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect(emulator.requests.at(-1)).toMatchObject({ status: 200, fault: "truncatedBody" });
    expect(emulator.stats()).toMatchObject({ served: 1, faults: { truncatedBody: 1 } });
    emulator.setTraffic({});
    await expectHealthy();
  });

  it("truncatedBody over HTTP/1.1: full content-length, half the body, then the connection drops", async () => {
    emulator.setTraffic({ defaults: { faults: { truncatedBody: 1 } } });
    const response = await fetchInvoke();
    expect(response.status).toBe(200);
    expect(Number(response.headers.get("content-length"))).toBeGreaterThan(1000);
    await expect(response.text()).rejects.toThrow();
    emulator.setTraffic({});
    await expectHealthy();
  });

  it("slowResponse: a normal answer after slowResponseMs", async () => {
    emulator.setTraffic({ defaults: { faults: { slowResponse: 1, slowResponseMs: 150 } } });
    const started = performance.now();
    expect(await sdkOutcome(sdkClient())).toBe("ok");
    // Timers never fire early by more than a millisecond; a loaded machine only makes it slower.
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(emulator.requests.at(-1)).toMatchObject({ status: 200, fault: "slowResponse" });
  });

  it("queued injectFaults take precedence over drawn faults", async () => {
    emulator.setTraffic({ defaults: { faults: { serviceUnavailable: 1 } } });
    emulator.injectFaults([{ errorType: "AccessDeniedException", status: 403 }]);
    expect(await statuses(2)).toEqual([403, 503]);
  });

  it("authentication comes first: bad credentials get 403, not a fault", async () => {
    emulator.setTraffic({ defaults: { faults: { serviceUnavailable: 1 } } });
    const client = sdkClient({ credentials: { accessKeyId: "AKIDUNKNOWN", secretAccessKey: "nope" } });
    expect(await sdkOutcome(client)).toMatchObject({ $metadata: { httpStatusCode: 403 } });
    expect(emulator.stats().faults).toEqual({});
  });
});

describe("latency", () => {
  it("delays successful and error answers by latencyMs plus jitter", async () => {
    emulator.setTraffic({ defaults: { latencyMs: 120, jitterMs: 30 } });
    let started = performance.now();
    const response = await fetchInvoke();
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect(response.status).toBe(200);
    expect(Number(response.headers.get("x-amzn-bedrock-invocation-latency"))).toBeGreaterThanOrEqual(120);
    emulator.setTraffic({ defaults: { latencyMs: 120, faults: { serviceUnavailable: 1 } } });
    started = performance.now();
    expect((await fetchInvoke()).status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it("does not delay health checks or admin requests", async () => {
    emulator.setTraffic({ defaults: { latencyMs: 60_000 } });
    expect((await fetch(`${emulator.url}/_emulator/health`)).status).toBe(200);
    expect((await fetch(`${emulator.url}/_emulator/stats`)).status).toBe(200);
  });

  it("shrugs off clients that give up during the delay, on either protocol", async () => {
    emulator.setTraffic({ defaults: { latencyMs: 300 } });
    const impatient = sdkClient({ requestHandler: { requestTimeout: 50 } });
    expect(await sdkOutcome(impatient)).toMatchObject({ name: "TimeoutError" });
    const abort = new AbortController();
    const abandoned = fetchInvoke("abandoned", titanV2, abort.signal);
    setTimeout(() => abort.abort(), 50);
    await expect(abandoned).rejects.toThrow();
    // The emulator counts each request when its delay is over and it tries to answer.
    while (emulator.stats().requests < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    emulator.setTraffic({});
    await expectHealthy();
  });

  it("answers delayed requests at once when the emulator closes", async () => {
    const own = await startEmulator({
      auth: "none",
      traffic: { models: { [titanV1]: { latencyMs: 60_000 } } },
    });
    const slow = new Promise<number>((resolve, reject) => {
      const request = http.request(`${own.url}/model/${titanV1}/invoke`, { method: "POST" }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      request.end(JSON.stringify({ inputText: "wait for me" }));
    });
    // Once a later request on another connection is answered, the slow one has been read and is waiting.
    const fast = await fetch(`${own.url}/model/${encodeURIComponent(titanV2)}/invoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ inputText: "fast" }),
    });
    expect(fast.status).toBe(200);
    await own.close();
    // Without cutting the wait short, close() would drop the connection after its grace period.
    expect(await slow).toBe(200);
  });
});

describe("quotas over the wire", () => {
  it("throttles beyond requestsPerMinute with Bedrock's ThrottlingException, without retry-after", async () => {
    // 6 per minute: a bucket of 0.1 requests refilled at 0.1 per second; after one request, 10 s of nothing.
    emulator.setTraffic({ models: { [titanV2]: { requestsPerMinute: 6 } } });
    const client = sdkClient();
    expect(await sdkOutcome(client)).toBe("ok");
    const error = await sdkOutcome(client);
    expect(error).toMatchObject({
      name: "ThrottlingException",
      message: "Too many requests, please wait before trying again.",
      $metadata: { httpStatusCode: 429 },
    });
    const throttled = await fetchInvoke();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBeNull();
    // Other models have their own (here: no) quota.
    expect(await sdkOutcome(client, titanV1)).toBe("ok");
    expect(emulator.stats()).toMatchObject({ requests: 4, served: 2, throttled: 2 });
  });

  it("throttles beyond tokensPerMinute with its own message and sends retry-after when asked", async () => {
    emulator.setTraffic({ defaults: { tokensPerMinute: 6 }, retryAfterHeader: true });
    expect((await fetchInvoke("a text of some twenty-five characters")).status).toBe(200);
    const response = await fetchInvoke("short");
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ message: "Too many tokens, please wait before trying again." });
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(100);
  });

  it("applies model entries keyed by geo profile ids to every way of naming that model", async () => {
    emulator.setTraffic({ models: { [`us.${titanV2}`]: { faults: { serviceUnavailable: 1 } } } });
    const client = sdkClient();
    expect(await sdkOutcome(client, `arn:aws:bedrock:us-east-1::foundation-model/${titanV2}`)).toMatchObject({
      $metadata: { httpStatusCode: 503 },
    });
    expect(await sdkOutcome(client, titanV1)).toBe("ok");
  });
});

describe("settings while running", () => {
  it("setTraffic changes behaviour at once", async () => {
    expect(await statuses(1)).toEqual([200]);
    emulator.setTraffic({ defaults: { faults: { serviceUnavailable: 1 } } });
    expect(await statuses(2)).toEqual([503, 503]);
    emulator.setTraffic({});
    expect(await statuses(1)).toEqual([200]);
  });

  it("replays the same faults for the same seed and request order", async () => {
    const settings = { seed: 42, defaults: { faults: { serviceUnavailable: 0.3, throttling: 0.2 } } };
    emulator.setTraffic(settings);
    const first = await statuses(30);
    emulator.setTraffic(settings);
    expect(await statuses(30)).toEqual(first);
    emulator.setTraffic({ ...settings, seed: 43 });
    expect(await statuses(30)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 429, 503]));
  });

  it("rejects invalid settings and keeps the old ones", async () => {
    emulator.setTraffic({ defaults: { faults: { serviceUnavailable: 1 } } });
    expect(() => emulator.setTraffic({ defaults: { latencyMs: -5 } })).toThrow(TrafficSettingsError);
    expect(await statuses(1)).toEqual([503]);
    await expect(startEmulator({ traffic: { models: { "nope.model": {} } } })).rejects.toThrow(
      'traffic.models["nope.model"]: the emulator serves no model "nope.model"',
    );
  });
});

describe("admin endpoints", () => {
  const admin = (path: string, init?: RequestInit): Promise<Response> =>
    fetch(`${emulator.url}${path}`, init);

  it("PUT and GET /_emulator/traffic replace and show the settings", async () => {
    const settings = { seed: 3, defaults: { faults: { internalServerError: 1 } } };
    const put = await admin("/_emulator/traffic", { method: "PUT", body: JSON.stringify(settings) });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual(settings);
    expect(await (await admin("/_emulator/traffic")).json()).toEqual(settings);
    expect(await statuses(1)).toEqual([500]);
  });

  it("PUT /_emulator/traffic answers 400 with the reason for bad settings or bad JSON", async () => {
    const bad = await admin("/_emulator/traffic", {
      method: "PUT",
      body: JSON.stringify({ defaults: { requestsPerMinute: "600" } }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      message: 'traffic.defaults.requestsPerMinute must be a number above 0, got "600"',
    });
    const notJson = await admin("/_emulator/traffic", { method: "PUT", body: "rpm=600" });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { message: string }).message).toMatch(/must be JSON traffic settings/);
    expect(await (await admin("/_emulator/traffic")).json()).toEqual({ seed: 1, defaults: {} });
  });

  it("GET /_emulator/stats counts invoke requests only; POST /_emulator/stats/reset returns and zeroes them", async () => {
    emulator.setTraffic({ defaults: { requestsPerMinute: 6 } });
    await statuses(3);
    await admin("/_emulator/health");
    const expected = {
      requests: 3,
      served: 1,
      throttled: 2,
      byStatus: { "200": 1, "429": 2 },
      faults: {},
      inputTokens: 3,
    };
    expect(await (await admin("/_emulator/stats")).json()).toEqual(expected);
    expect(emulator.stats()).toEqual(expected);
    const reset = await admin("/_emulator/stats/reset", { method: "POST" });
    expect(await reset.json()).toEqual(expected);
    expect(emulator.stats()).toMatchObject({ requests: 0, byStatus: {} });
    // Admin calls are listed with the other requests.
    expect(emulator.requests.map((request) => request.path).slice(-2)).toEqual([
      "/_emulator/stats",
      "/_emulator/stats/reset",
    ]);
  });
});

describe("recordRequests", () => {
  it("keeps the last N requests, or none, while stats still count everything", async () => {
    const lastTwo = await startEmulator({ recordRequests: 2, auth: "none" });
    const none = await startEmulator({ recordRequests: false, auth: "none" });
    try {
      for (const own of [lastTwo, none]) {
        for (const text of ["one", "two", "three"]) {
          await fetch(`${own.url}/model/${titanV1}/invoke`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ inputText: text }),
          });
        }
      }
      expect(lastTwo.requests.map((request) => request.body)).toEqual([
        { inputText: "two" },
        { inputText: "three" },
      ]);
      expect(none.requests).toEqual([]);
      expect([lastTwo.stats().served, none.stats().served]).toEqual([3, 3]);
    } finally {
      await Promise.all([lastTwo.close(), none.close()]);
    }
  });
});
