import type { BedrockApiError } from "@bedrock-embeddings/core";
import { afterEach, describe, expect, it } from "vitest";
import { awsError } from "../fake-bedrock.test-helpers.js";
import { type AnswerClock, RunGuard, UNREACHABLE_ATTEMPTS_TO_STOP } from "./run-guard.js";

/** What the SDK throws when a connection is refused: Node's error as the cause. */
function refused(port = 4010): Error {
  const cause = Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), {
    code: "ECONNREFUSED",
    address: "127.0.0.1",
    port,
  });
  return Object.assign(new Error("The pending stream has been canceled"), {
    code: "ERR_HTTP2_STREAM_CANCEL",
    cause,
  });
}

const reset = () => Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
const guards: RunGuard[] = [];
afterEach(() => {
  for (const guard of guards.splice(0)) guard.close();
});

function guardWith(overrides: { stallTimeoutMs?: number; answers?: AnswerClock } = {}) {
  const stops: BedrockApiError[] = [];
  const guard = new RunGuard({
    modelId: "amazon.titan-embed-text-v2:0",
    endpoint: "127.0.0.1:4010",
    stallTimeoutMs: overrides.stallTimeoutMs ?? 60_000,
    attemptTimeoutMs: 20_000,
    answers: overrides.answers ?? { lastAnswerAt: undefined },
    onStop: (error) => stops.push(error),
  });
  guards.push(guard);
  return { guard, stops };
}

const failWith = (guard: RunGuard, error: unknown) =>
  guard
    .attempt(async () => {
      throw error;
    })
    .catch((caught: unknown) => caught);

describe("the connection breaker", () => {
  it(`stops after ${UNREACHABLE_ATTEMPTS_TO_STOP} refused attempts in a row, naming host:port`, async () => {
    const { guard, stops } = guardWith();
    const raw = refused();
    expect(await failWith(guard, raw)).toBe(raw);
    expect(await failWith(guard, refused())).not.toBe(guard.stopped);
    const third = await failWith(guard, refused());
    expect(stops).toHaveLength(1);
    expect(third).toBe(guard.stopped);
    expect(guard.stopped).toMatchObject({ awsErrorName: "ECONNREFUSED", retryable: false });
    expect(guard.stopped!.message).toMatch(
      /Nothing answers at 127\.0\.0\.1:4010 \(ECONNREFUSED on 3 attempts/,
    );
    expect(guard.stopped!.fix).toMatch(/endpoint and region/);
    // Later failures pass through: the run is already ending.
    const later = refused();
    expect(await failWith(guard, later)).toBe(later);
    expect(stops).toHaveLength(1);
  });

  it("starts counting again after any answer, success or HTTP error", async () => {
    const { guard, stops } = guardWith();
    await failWith(guard, refused());
    await failWith(guard, refused());
    await guard.attempt(async () => "vector");
    await failWith(guard, refused());
    await failWith(guard, refused());
    await failWith(guard, awsError("ServiceUnavailableException", 503, "busy"));
    await failWith(guard, refused());
    await failWith(guard, refused());
    expect(stops).toEqual([]);
  });

  it("leaves resets and timed-out attempts to the retry layer", async () => {
    const { guard, stops } = guardWith();
    for (let attempt = 0; attempt < 10; attempt++) await failWith(guard, reset());
    const timeout = Object.assign(new Error("no response"), { name: "TimeoutError" });
    for (let attempt = 0; attempt < 10; attempt++) await failWith(guard, timeout);
    expect(stops).toEqual([]);
  });

  it("counts unknown hosts as unreachable too", async () => {
    const { guard } = guardWith();
    const notFound = () =>
      Object.assign(new Error("getaddrinfo ENOTFOUND bedrock.invalid"), {
        code: "ENOTFOUND",
        hostname: "bedrock.invalid",
      });
    for (let attempt = 0; attempt < UNREACHABLE_ATTEMPTS_TO_STOP; attempt++)
      await failWith(guard, notFound());
    expect(guard.stopped).toMatchObject({ awsErrorName: "ENOTFOUND" });
    expect(guard.stopped!.message).toContain("Nothing answers at bedrock.invalid");
  });
});

describe("the stall deadline", () => {
  it("stops a run that hears nothing with a timeout error saying what to raise", async () => {
    const { guard, stops } = guardWith({ stallTimeoutMs: 30 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(stops).toHaveLength(1);
    expect(guard.stopped).toMatchObject({ awsErrorName: "TimeoutError", retryable: true });
    expect(guard.stopped!.message).toMatch(/No answer from 127\.0\.0\.1:4010 .* in 30 ms/);
    expect(guard.stopped!.fix).toMatch(
      /raise request_timeout_ms and stall_timeout_ms \(requestTimeoutMs, stallTimeoutMs in code\)/,
    );
  });

  it("restarts at every answer, the embedder's other runs' included", async () => {
    const answers: AnswerClock = { lastAnswerAt: undefined };
    const { stops } = guardWith({ stallTimeoutMs: 60, answers });
    for (let tick = 0; tick < 5; tick++) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      answers.lastAnswerAt = performance.now();
    }
    expect(stops).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(stops).toHaveLength(1);
  });

  it("never fires once closed", async () => {
    const { guard, stops } = guardWith({ stallTimeoutMs: 20 });
    guard.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stops).toEqual([]);
  });
});
