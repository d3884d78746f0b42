import { describe, expect, it } from "vitest";
import { compileTrafficSettings, TrafficSettingsError } from "./compile-traffic-settings.js";

const served = new Map([
  ["amazon.titan-embed-text-v2:0", "amazon.titan-embed-text-v2:0"],
  ["us.amazon.titan-embed-text-v2:0", "amazon.titan-embed-text-v2:0"],
  ["cohere.embed-v4:0", "cohere.embed-v4:0"],
]);
const resolve = (key: string): string | undefined => served.get(key);

describe("compileTrafficSettings", () => {
  it("merges each model over the defaults, faults field by field, under its served id", () => {
    const plan = compileTrafficSettings(
      {
        defaults: { latencyMs: 60, requestsPerMinute: 600, faults: { serviceUnavailable: 0.1 } },
        models: { "us.amazon.titan-embed-text-v2:0": { jitterMs: 5, faults: { throttling: 0.2 } } },
      },
      resolve,
    );
    expect(plan.seed).toBe(1);
    expect(plan.retryAfterHeader).toBe(false);
    expect(plan.models.get("amazon.titan-embed-text-v2:0")).toMatchObject({
      requestsPerMinute: 600,
      latencyMs: 60,
      jitterMs: 5,
      slowResponseMs: 2000,
      faultRates: { throttling: 0.2, serviceUnavailable: 0.1, truncatedBody: 0 },
    });
    expect(plan.defaults).toMatchObject({ latencyMs: 60, jitterMs: 0, faultRates: { throttling: 0 } });
    expect(plan.models.has("cohere.embed-v4:0")).toBe(false);
    // The settings read back as given, with the seed filled in.
    expect(plan.settings).toEqual({
      seed: 1,
      defaults: { latencyMs: 60, requestsPerMinute: 600, faults: { serviceUnavailable: 0.1 } },
      models: { "us.amazon.titan-embed-text-v2:0": { jitterMs: 5, faults: { throttling: 0.2 } } },
    });
  });

  it("accepts nothing at all", () => {
    expect(compileTrafficSettings(undefined, resolve).defaults.faultRates.connectionReset).toBe(0);
  });

  it.each([
    [{ seed: 1.5 }, "traffic.seed must be an integer, got 1.5"],
    [{ retryAfterHeader: "yes" }, 'traffic.retryAfterHeader must be true or false, got "yes"'],
    [{ rpm: 600 }, 'traffic has an unknown field "rpm"; allowed: seed, defaults, models, retryAfterHeader'],
    [
      { defaults: { requestsPerMinute: 0 } },
      "traffic.defaults.requestsPerMinute must be a number above 0, got 0",
    ],
    [{ defaults: { latencyMs: -1 } }, "traffic.defaults.latencyMs must be a number of 0 or more, got -1"],
    [
      { defaults: { faults: { throttling: 2 } } },
      "traffic.defaults.faults.throttling must be a number from 0 to 1, got 2",
    ],
    [{ defaults: { faults: { reset: 0.1 } } }, 'traffic.defaults.faults has an unknown field "reset"'],
    [{ defaults: [] }, "traffic.defaults must be an object, got an array"],
    [{ models: { "titan-v2": {} } }, 'traffic.models["titan-v2"]: the emulator serves no model "titan-v2"'],
    [
      { models: { "amazon.titan-embed-text-v2:0": {}, "us.amazon.titan-embed-text-v2:0": {} } },
      '"amazon.titan-embed-text-v2:0" and "us.amazon.titan-embed-text-v2:0" both name amazon.titan-embed-text-v2:0',
    ],
    [
      {
        defaults: { faults: { throttling: 0.6 } },
        models: { "cohere.embed-v4:0": { faults: { serviceUnavailable: 0.6 } } },
      },
      'traffic.models["cohere.embed-v4:0"].faults: the rates add up to 1.2',
    ],
  ])("rejects %j", (settings, message) => {
    expect(() => compileTrafficSettings(settings, resolve)).toThrow(TrafficSettingsError);
    expect(() => compileTrafficSettings(settings, resolve)).toThrow(message);
  });

  it("allows rates that add up to exactly 1 despite floating point", () => {
    const faults = { throttling: 0.1, serviceUnavailable: 0.2, truncatedBody: 0.7 };
    expect(() => compileTrafficSettings({ defaults: { faults } }, resolve)).not.toThrow();
  });
});
