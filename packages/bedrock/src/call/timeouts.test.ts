import { describe, expect, it } from "vitest";
import {
  http2HandlerOptions,
  httpHandlerOptions,
  runtimeIdleTimeoutMs,
  STREAMS_PER_SESSION,
} from "../client/client-timeouts.js";
import { MODEL_FAMILIES } from "../families/catalog.js";
import { attemptTimeoutMs, type CallKind, DEFAULT_TIMEOUTS, stallTimeoutMs } from "./timeouts.js";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const unset = { requestTimeoutMs: undefined, stallTimeoutMs: undefined };

/** The kinds of call a family can make: texts always, media when it takes any. */
function kindsOf(modalities: readonly string[]): CallKind[] {
  return modalities.some((modality) => modality !== "text") ? ["text", "media"] : ["text"];
}

describe("default timeouts", () => {
  it.each(Object.values(MODEL_FAMILIES).map((family) => [family.name, family] as const))(
    "%s: every call kind has a finite attempt timeout and a run deadline of a few minutes",
    (_name, family) => {
      const kinds = kindsOf(family.modalities);
      for (const kind of kinds) {
        const attempt = attemptTimeoutMs(kind, undefined);
        expect(Number.isFinite(attempt)).toBe(true);
        // Far above a healthy call, far below "forever".
        expect(attempt).toBeGreaterThanOrEqual(30 * SECOND);
        expect(attempt).toBeLessThanOrEqual(5 * MINUTE);
      }
      const stall = stallTimeoutMs(kinds, unset);
      expect(stall).toBeGreaterThan(Math.max(...kinds.map((kind) => attemptTimeoutMs(kind, undefined))));
      expect(stall).toBeLessThanOrEqual(10 * MINUTE);
    },
  );

  it("gives media calls longer than text calls, and text runs 3 minutes", () => {
    expect(attemptTimeoutMs("text", undefined)).toBe(60 * SECOND);
    expect(attemptTimeoutMs("media", undefined)).toBe(120 * SECOND);
    expect(stallTimeoutMs(["text"], unset)).toBe(3 * MINUTE);
    expect(stallTimeoutMs(["text", "media"], unset)).toBe(6 * MINUTE);
    expect(stallTimeoutMs([], unset)).toBe(3 * MINUTE);
  });

  it("lets requestTimeoutMs and stallTimeoutMs replace the defaults", () => {
    expect(attemptTimeoutMs("media", 5_000)).toBe(5_000);
    expect(stallTimeoutMs(["media"], { requestTimeoutMs: 5_000, stallTimeoutMs: undefined })).toBe(15_000);
    expect(stallTimeoutMs(["text"], { requestTimeoutMs: 5_000, stallTimeoutMs: 42_000 })).toBe(42_000);
  });

  it("bounds the SDK transports too, behind the embedder's own timer", () => {
    expect(runtimeIdleTimeoutMs(undefined)).toBeGreaterThan(attemptTimeoutMs("media", undefined));
    expect(runtimeIdleTimeoutMs(2_000)).toBeGreaterThan(2_000);
    expect(http2HandlerOptions(runtimeIdleTimeoutMs(undefined))).toEqual({
      requestTimeout: 121_000,
      sessionTimeout: 121_000,
      disableConcurrentStreams: false,
      maxConcurrentStreams: STREAMS_PER_SESSION,
    });
    expect(httpHandlerOptions(DEFAULT_TIMEOUTS.controlPlaneAttemptMs)).toEqual({
      connectionTimeout: 10_000,
      requestTimeout: 30_000,
    });
  });
});
