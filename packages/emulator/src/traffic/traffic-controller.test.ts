import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../protocol/aws-service-error.js";
import { jsonResponse } from "../protocol/response.js";
import { TrafficController } from "./traffic-controller.js";
import type { TrafficSettings } from "./traffic-types.js";

const titan = "amazon.titan-embed-text-v2:0";

function controller(settings: TrafficSettings, clock = { now: 0 }): TrafficController {
  return new TrafficController(settings, {
    resolveModelId: (modelId) => (modelId.endsWith(titan) ? titan : undefined),
    now: () => clock.now,
  });
}

/** Runs one request through the gate the way `invokeModel` does and returns its status. */
function invoke(traffic: TrafficController, inputTokens = 1, modelId = titan): number {
  const gate = traffic.gate();
  let status = 200;
  try {
    gate.arrive(modelId);
    gate.injectFault();
    gate.charge(modelId, inputTokens);
  } catch (error) {
    if (!(error instanceof AwsServiceError)) throw error;
    status = error.status;
  }
  const response = gate.finish(jsonResponse(status, {}, "id"));
  return gate.delivery === "reset" ? 0 : response.status;
}

function faultSequence(traffic: TrafficController, count: number): string[] {
  return Array.from({ length: count }, () => {
    const gate = traffic.gate();
    gate.arrive(titan);
    try {
      gate.injectFault();
    } catch {
      // The fault is read from the gate below.
    }
    return gate.fault ?? "-";
  });
}

const faulty: TrafficSettings = {
  defaults: { faults: { serviceUnavailable: 0.2, connectionReset: 0.1, truncatedBody: 0.1 } },
};

describe("TrafficController faults", () => {
  it("draws the same faults for the same seed and request order, and others for another seed", () => {
    const first = faultSequence(controller({ ...faulty, seed: 42 }), 200);
    expect(faultSequence(controller({ ...faulty, seed: 42 }), 200)).toEqual(first);
    expect(faultSequence(controller({ ...faulty, seed: 43 }), 200)).not.toEqual(first);
    // Roughly the configured share: 40% of 200 requests.
    const faulted = first.filter((fault) => fault !== "-").length;
    expect(faulted).toBeGreaterThan(50);
    expect(faulted).toBeLessThan(110);
    expect(new Set(first)).toEqual(new Set(["-", "serviceUnavailable", "connectionReset", "truncatedBody"]));
  });

  it("starts the sequence over when the settings are replaced", () => {
    const traffic = controller({ ...faulty, seed: 9 });
    const first = faultSequence(traffic, 50);
    traffic.setSettings({ ...faulty, seed: 9 });
    expect(faultSequence(traffic, 50)).toEqual(first);
  });

  it("draws for every request, so a model without faults does not shift another model's sequence", () => {
    const settings: TrafficSettings = { seed: 5, models: { [titan]: faulty.defaults! } };
    const traffic = controller(settings);
    const interleaved = Array.from({ length: 20 }, () => {
      invoke(traffic, 1, "some.other-model");
      return faultSequence(traffic, 1)[0];
    });
    const everyOther = faultSequence(controller(settings), 40).filter((_, index) => index % 2 === 1);
    expect(interleaved).toEqual(everyOther);
  });

  it("adds latency plus seeded jitter, and slowResponseMs on slow responses", () => {
    const traffic = controller({
      defaults: { latencyMs: 60, jitterMs: 20, faults: { slowResponse: 0.5, slowResponseMs: 1000 } },
    });
    const delays = Array.from({ length: 100 }, () => {
      const gate = traffic.gate();
      gate.arrive(titan);
      gate.injectFault();
      return { delay: gate.delayMs, slow: gate.fault === "slowResponse" };
    });
    for (const { delay, slow } of delays) {
      const base = slow ? 1060 : 60;
      expect(delay).toBeGreaterThanOrEqual(base);
      expect(delay).toBeLessThanOrEqual(base + 20);
    }
    expect(new Set(delays.map(({ delay }) => Math.round(delay))).size).toBeGreaterThan(10);
    expect(delays.some(({ slow }) => slow) && delays.some(({ slow }) => !slow)).toBe(true);
  });

  it("maps each error fault to Bedrock's error", () => {
    const cases = [
      ["throttling", "ThrottlingException", 429, "Too many requests, please wait before trying again."],
      ["serviceUnavailable", "ServiceUnavailableException", 503, "Service unavailable."],
      ["internalServerError", "InternalServerException", 500, undefined],
      ["modelNotReady", "ModelNotReadyException", 429, "Model is not ready for inference."],
    ] as const;
    for (const [fault, errorType, status, message] of cases) {
      const gate = controller({ defaults: { faults: { [fault]: 1 } } }).gate();
      gate.arrive(titan);
      const thrown = (() => {
        try {
          gate.injectFault();
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(thrown).toMatchObject({ errorType, status, ...(message ? { message } : {}) });
    }
  });
});

describe("TrafficController quotas", () => {
  it("throttles requests beyond requestsPerMinute/60 at once and refills at that rate per second", () => {
    const clock = { now: 0 };
    const traffic = controller({ defaults: { requestsPerMinute: 120 } }, clock);
    expect([invoke(traffic), invoke(traffic), invoke(traffic)]).toEqual([200, 200, 429]);
    clock.now = 499;
    expect(invoke(traffic)).toBe(429);
    clock.now = 500;
    expect([invoke(traffic), invoke(traffic)]).toEqual([200, 429]);
    expect(traffic.stats()).toMatchObject({ requests: 6, served: 3, throttled: 3, inputTokens: 3 });
  });

  it("throttles on input tokens with its own message, and a throttled request consumes nothing", () => {
    const clock = { now: 0 };
    // 2 requests and 10 tokens in the buckets.
    const traffic = controller({ defaults: { requestsPerMinute: 120, tokensPerMinute: 600 } }, clock);
    expect(invoke(traffic, 8)).toBe(200);
    const gate = traffic.gate();
    gate.arrive(titan);
    expect(() => gate.charge(titan, 5)).toThrow("Too many tokens, please wait before trying again.");
    // The refused request took neither a request nor tokens: one request and two tokens are left.
    expect(invoke(traffic, 2)).toBe(200);
    expect(invoke(traffic, 1)).toBe(429);
  });

  it("serves a text larger than the token bucket when it is full, then waits out the debt", () => {
    const clock = { now: 0 };
    const traffic = controller({ defaults: { tokensPerMinute: 600 } }, clock);
    expect(invoke(traffic, 25)).toBe(200);
    clock.now = 1_599;
    expect(invoke(traffic, 1)).toBe(429);
    clock.now = 1_600;
    expect(invoke(traffic, 1)).toBe(200);
  });

  it("keeps separate buckets per model and starts them full again after setSettings", () => {
    const clock = { now: 0 };
    const traffic = new TrafficController(
      { defaults: { requestsPerMinute: 60 } },
      { resolveModelId: (modelId) => modelId, now: () => clock.now },
    );
    expect([invoke(traffic, 1, "a"), invoke(traffic, 1, "b"), invoke(traffic, 1, "a")]).toEqual([
      200, 200, 429,
    ]);
    traffic.setSettings({ defaults: { requestsPerMinute: 60 } });
    expect(invoke(traffic, 1, "a")).toBe(200);
  });

  it("sends retry-after only when asked: whole seconds until the bucket can take the request", () => {
    const clock = { now: 0 };
    const traffic = controller({ defaults: { tokensPerMinute: 6 } }, clock);
    const retryAfter = (): string | undefined => {
      const gate = traffic.gate();
      gate.arrive(titan);
      try {
        gate.charge(titan, 1);
        return "served";
      } catch {
        return gate.finish(jsonResponse(429, {}, "id")).headers["retry-after"];
      }
    };
    expect(retryAfter()).toBe("served");
    expect(retryAfter()).toBeUndefined();
    traffic.setSettings({ defaults: { tokensPerMinute: 6 }, retryAfterHeader: true });
    // Bucket of 0.1 tokens refilling at 0.1 per second: a 3-token text leaves a debt of 2.9.
    invoke(traffic, 3);
    expect(retryAfter()).toBe("30");
    clock.now = 29_500;
    expect(retryAfter()).toBe("1");
  });
});

describe("TrafficController stats", () => {
  it("counts statuses, faults, throttles and served tokens, and resets", () => {
    const clock = { now: 0 };
    const traffic = controller(
      { defaults: { requestsPerMinute: 60 }, models: { [titan]: { faults: { connectionReset: 0.5 } } } },
      clock,
    );
    const statuses = Array.from({ length: 6 }, () => {
      clock.now += 1_000;
      return invoke(traffic, 4);
    });
    const stats = traffic.stats();
    const resets = statuses.filter((status) => status === 0).length;
    expect(resets).toBeGreaterThan(0);
    expect(stats).toEqual({
      requests: 6,
      served: 6 - resets,
      throttled: 0,
      byStatus: { "0": resets, "200": 6 - resets },
      faults: { connectionReset: resets },
      inputTokens: 4 * (6 - resets),
    });
    // Callers get a copy.
    traffic.stats().byStatus["200"] = 99;
    expect(traffic.stats().byStatus["200"]).toBe(6 - resets);
    traffic.resetStats();
    expect(traffic.stats()).toEqual({
      requests: 0,
      served: 0,
      throttled: 0,
      byStatus: {},
      faults: {},
      inputTokens: 0,
    });
  });

  it("ignores requests that never arrived as invoke requests", () => {
    const traffic = controller({ defaults: { latencyMs: 50 } });
    const gate = traffic.gate();
    const response = jsonResponse(200, { status: "ok" }, "id");
    expect(gate.finish(response)).toBe(response);
    expect([gate.delayMs, traffic.stats().requests]).toEqual([0, 0]);
  });
});
