import { JobError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { fakeClock } from "../s3/memory-object-store.test-helpers.js";
import { type PollProgress, type PollTarget, pollUntilDone } from "./poll.js";

function target(
  statuses: string[],
  extra: Partial<PollTarget<string>> = {},
): PollTarget<string> & { checks: number } {
  const result: PollTarget<string> & { checks: number } = {
    checks: 0,
    jobArn: "arn:aws:bedrock:us-east-1:123456789012:async-invoke/abc123def456",
    jobLabel: "Async invocation",
    resumeHint: "fetch it later",
    check: async (): Promise<string> => statuses[Math.min(result.checks++, statuses.length - 1)]!,
    isDone: (status: string) => status !== "InProgress",
    statusName: (status: string) => status,
    ...extra,
  };
  return result;
}

describe("polling with backoff", () => {
  it("waits longer each time up to the cap, and returns the final status", async () => {
    const clock = fakeClock();
    const job = target([...Array(6).fill("InProgress"), "Completed"]);
    const final = await pollUntilDone(
      job,
      { pollIntervalMs: 1_000, maxPollIntervalMs: 3_000, backoffFactor: 2, timeoutMs: 60_000 },
      clock,
    );
    expect(final).toBe("Completed");
    expect(job.checks).toBe(7);
    expect(clock.sleeps).toEqual([1_000, 2_000, 3_000, 3_000, 3_000, 3_000]);
  });

  it("reports each check to onPoll with the pause that follows", async () => {
    const clock = fakeClock();
    const seen: PollProgress<string>[] = [];
    await pollUntilDone(
      target(["InProgress", "InProgress", "Failed"], { onPoll: (progress) => seen.push(progress) }),
      { pollIntervalMs: 500, backoffFactor: 1.5, timeoutMs: 60_000 },
      clock,
    );
    expect(seen).toEqual([
      { status: "InProgress", attempt: 1, elapsedMs: 0, nextPollInMs: 500 },
      { status: "InProgress", attempt: 2, elapsedMs: 500, nextPollInMs: 750 },
      { status: "Failed", attempt: 3, elapsedMs: 1_250, nextPollInMs: undefined },
    ]);
  });

  it("times out with a JobError that keeps the ARN, checking once more at the deadline", async () => {
    const clock = fakeClock();
    const job = target(["InProgress"]);
    const error = await pollUntilDone(
      job,
      { pollIntervalMs: 4_000, maxPollIntervalMs: 4_000, timeoutMs: 10_000 },
      clock,
    ).catch((caught: unknown) => caught);
    expect(JobError.isInstance(error)).toBe(true);
    const jobError = error as JobError;
    expect(jobError.reason).toBe("timed-out");
    expect(jobError.status).toBe("InProgress");
    expect(jobError.jobArn).toBe(job.jobArn);
    expect(jobError.message).toMatch(
      /still InProgress after waiting 10000 ms \(timeout 10000 ms\).*fetch it later/,
    );
    // 0 -> 4000 -> 8000 -> 10000 (the last pause is cut to the deadline).
    expect(clock.sleeps).toEqual([4_000, 4_000, 2_000]);
    expect(job.checks).toBe(4);
  });

  it("stops when aborted between checks, with the signal's reason as cause", async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    const reason = new Error("user pressed Ctrl-C");
    const job = target(["InProgress"], {
      onPoll: ({ attempt }) => {
        if (attempt === 2) controller.abort(reason);
      },
    });
    const error = (await pollUntilDone(job, { signal: controller.signal, pollIntervalMs: 10 }, clock).catch(
      (caught: unknown) => caught,
    )) as JobError;
    expect(error.reason).toBe("aborted");
    expect(error.cause).toBe(reason);
    expect(error.status).toBe("InProgress");
    expect(job.checks).toBe(2);
    expect(clock.sleeps).toEqual([10]);
  });

  it("stops when aborted during a check, and never checks with an already aborted signal", async () => {
    const controller = new AbortController();
    const job = target(["InProgress"], {
      check: (signal) =>
        new Promise<string>((_resolve, reject) => {
          signal?.addEventListener("abort", () =>
            reject(Object.assign(new Error("aborted"), { name: "AbortError" })),
          );
          controller.abort();
        }),
    });
    const error = (await pollUntilDone(job, { signal: controller.signal }, fakeClock()).catch(
      (caught: unknown) => caught,
    )) as JobError;
    expect(error.reason).toBe("aborted");

    const early = target(["Completed"]);
    const aborted = AbortSignal.abort();
    await expect(pollUntilDone(early, { signal: aborted }, fakeClock())).rejects.toMatchObject({
      reason: "aborted",
    });
    expect(early.checks).toBe(0);
  });

  it("passes other check failures through unchanged", async () => {
    const failure = new Error("network down");
    const job = target([], { check: async () => Promise.reject(failure) });
    await expect(pollUntilDone(job, {}, fakeClock())).rejects.toBe(failure);
  });
});
