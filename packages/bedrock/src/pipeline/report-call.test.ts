import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { describe, expect, it } from "vitest";
import type { BedrockCallEvent } from "../events.js";
import { testContext } from "./call-context.test-helpers.js";
import { reportCall } from "./report-call.js";
import type { SentCall } from "./send-with-retry.js";

const client = {} as BedrockRuntimeClient;
const response = { body: {}, inputTokenCount: 5, requestId: "req-1", httpStatus: 200 };
const sent = (): SentCall => ({
  outcome: { ok: true, value: response, attempts: 2 },
  usage: { inputTokens: 5, calls: 2, retries: 1, throttles: 1 },
  lastFailure: undefined,
  startedAt: 10,
});

describe("the report step", () => {
  it("prices an answered call into its usage and sends one event with its timing", () => {
    const events: BedrockCallEvent[] = [];
    const context = testContext(client, "titan-text-v2", {
      onCall: (event) => events.push(event),
      estimateCost: (tokens) => (tokens ?? 0) * 0.001,
      clock: { now: () => 25, sleep: async () => {} },
    });
    const usage = reportCall(context, sent(), {
      indexes: [0],
      ok: true,
      response,
      inputTokens: 5,
      error: undefined,
    });
    expect(usage.estimatedCostUsd).toBeCloseTo(0.005);
    expect(events).toEqual([
      expect.objectContaining({
        indexes: [0],
        ok: true,
        attempts: 2,
        retries: 1,
        durationMs: 15,
        requestId: "req-1",
      }),
    ]);
  });

  it("bills nothing without an answer, and a throwing hook never breaks the call", () => {
    const context = testContext(client, "titan-text-v2", {
      onCall: () => {
        throw new Error("broken hook");
      },
      estimateCost: () => 1,
    });
    const error = new Error("down");
    const usage = reportCall(context, sent(), {
      indexes: [0],
      ok: false,
      response: undefined,
      inputTokens: undefined,
      error,
    });
    expect(usage.estimatedCostUsd).toBeUndefined();
  });
});
