import { describe, expect, it } from "vitest";
import { awsError, fakeClient } from "../fake-bedrock.test-helpers.js";
import { testContext } from "./call-context.test-helpers.js";
import { sendWithRetry } from "./send-with-retry.js";

describe("the send-with-retry step", () => {
  it("retries a throttle and counts calls answered, retries and throttles", async () => {
    const fake = fakeClient((_request, call) => {
      if (call === 1) throw awsError("ThrottlingException", 429, "Too many requests");
      return { embedding: [1], inputTextTokenCount: 1 };
    });
    const sent = await sendWithRetry(testContext(fake.client, "titan-text-v2"), { inputText: "hi" }, {});
    expect(sent.outcome.ok).toBe(true);
    expect(sent.usage).toEqual({ inputTokens: 0, calls: 2, retries: 1, throttles: 1 });
    expect(fake.requests.map((request) => request.body)).toEqual([{ inputText: "hi" }, { inputText: "hi" }]);
  });

  it("gives up on an error that is not retryable, keeping its classification", async () => {
    const fake = fakeClient(() => {
      throw awsError("AccessDeniedException", 403, "no access");
    });
    const sent = await sendWithRetry(testContext(fake.client, "titan-text-v2"), { inputText: "hi" }, {});
    expect(sent.outcome.ok).toBe(false);
    expect(sent.outcome.attempts).toBe(1);
    expect(sent.lastFailure?.failsEveryCall).toBe(true);
    expect(sent.usage.calls).toBe(1);
  });

  it("starts the call's time at its first attempt, on the context's clock", async () => {
    const fake = fakeClient(() => ({ embedding: [1] }));
    const context = testContext(fake.client, "titan-text-v2");
    context.clock.now();
    context.clock.now();
    const sent = await sendWithRetry(context, { inputText: "hi" }, {});
    expect(sent.startedAt).toBe(3);
  });
});
