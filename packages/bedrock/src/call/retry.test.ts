import { describe, expect, it, vi } from "vitest";
import { awsError } from "../fake-bedrock.test-helpers.js";
import { backoffDelay, type RetryPolicy, runWithRetry } from "./retry.js";

const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  sleep: async () => {},
  random: () => 0.5,
  ...overrides,
});

describe("backoffDelay", () => {
  it("uses full jitter under an exponential ceiling", () => {
    expect(backoffDelay(1, policy({ random: () => 0.999 }), undefined)).toBeCloseTo(199.8);
    expect(backoffDelay(3, policy({ random: () => 0.5 }), undefined)).toBe(400);
    expect(backoffDelay(3, policy({ random: () => 0 }), undefined)).toBe(0);
  });

  it("never exceeds the cap", () => {
    expect(backoffDelay(30, policy({ random: () => 0.999 }), undefined)).toBeLessThanOrEqual(20_000);
    expect(backoffDelay(1, policy(), 60_000)).toBe(20_000);
  });

  it("waits at least the server's retry-after hint", () => {
    expect(backoffDelay(1, policy({ random: () => 0 }), 1500)).toBe(1500);
  });
});

describe("runWithRetry", () => {
  it("retries retryable errors, sleeping between attempts, then succeeds", async () => {
    const sleep = vi.fn(async () => {});
    const operation = vi
      .fn<(attempt: number) => Promise<string>>()
      .mockRejectedValueOnce(awsError("ThrottlingException", 429, "slow"))
      .mockRejectedValueOnce(awsError("InternalServerException", 500, "oops"))
      .mockResolvedValueOnce("done");
    const outcome = await runWithRetry(operation, policy({ sleep }), () => false);
    expect(outcome).toEqual({ ok: true, value: "done", attempts: 3 });
    expect(sleep).toHaveBeenCalledTimes(2);
    expect(sleep).toHaveBeenNthCalledWith(1, 100);
    expect(sleep).toHaveBeenNthCalledWith(2, 200);
  });

  it("stops at maxAttempts", async () => {
    const error = awsError("ThrottlingException", 429, "slow");
    const operation = vi.fn(async () => {
      throw error;
    });
    const failures: number[] = [];
    const outcome = await runWithRetry(
      operation,
      policy({ maxAttempts: 3 }),
      () => false,
      (_c, attempt) => failures.push(attempt),
    );
    expect(outcome).toMatchObject({
      ok: false,
      error,
      attempts: 3,
      classification: { category: "throttling" },
    });
    expect(failures).toEqual([1, 2, 3]);
  });

  it("does not retry client errors or the library's own errors", async () => {
    const validation = vi.fn(async () => {
      throw awsError("ValidationException", 400, "bad");
    });
    expect(await runWithRetry(validation, policy(), () => false)).toMatchObject({ ok: false, attempts: 1 });
    const own = vi.fn(async () => {
      throw awsError("ThrottlingException", 429, "pretend");
    });
    expect(await runWithRetry(own, policy(), () => true)).toMatchObject({
      ok: false,
      attempts: 1,
      classification: undefined,
    });
  });
});

describe("runWithRetry with an abort signal", () => {
  it("ends during the backoff with the signal's reason, without another attempt", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const operation = vi.fn(async () => {
      throw awsError("ServiceUnavailableException", 503, "busy");
    });
    // The backoff never ends on its own; only the abort can end it.
    const outcome = runWithRetry(
      operation,
      policy({ sleep: () => new Promise(() => {}) }),
      () => false,
      undefined,
      controller.signal,
    );
    await Promise.resolve();
    controller.abort(reason);
    expect(await outcome).toMatchObject({ ok: false, aborted: true, error: reason, attempts: 1 });
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it("reports an attempt's own failure even when the signal aborted meanwhile", async () => {
    const controller = new AbortController();
    const denied = awsError("AccessDeniedException", 403, "no");
    const outcome = await runWithRetry(
      async () => {
        controller.abort(new Error("stopping the others"));
        throw denied;
      },
      policy(),
      () => false,
      undefined,
      controller.signal,
    );
    expect(outcome).toMatchObject({ ok: false, error: denied, classification: { category: "access" } });
    expect(outcome.ok === false && outcome.aborted).toBeFalsy();
  });

  it("does not start when already aborted", async () => {
    const operation = vi.fn(async () => "never");
    const outcome = await runWithRetry(
      operation,
      policy(),
      () => false,
      undefined,
      AbortSignal.abort("gone"),
    );
    expect(outcome).toMatchObject({ ok: false, aborted: true, error: "gone", attempts: 0 });
    expect(operation).not.toHaveBeenCalled();
  });
});
