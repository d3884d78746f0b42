import type { FaultRates, ModelTraffic, TrafficFaultName, TrafficSettings } from "./traffic-types.js";
import { trafficFaultNames } from "./traffic-types.js";

/**
 * Thrown by `startEmulator`, `emulator.setTraffic` (and answered as a 400 by `PUT /_emulator/traffic`) when
 * traffic settings are invalid; the message names the offending field.
 *
 * @example
 * try {
 *   emulator.setTraffic({ defaults: { faults: { throttling: 2 } } });
 * } catch (error) {
 *   if (!(error instanceof TrafficSettingsError)) throw error;
 *   error.message; // "traffic.defaults.faults.throttling must be a number from 0 to 1, got 2"
 * }
 */
export class TrafficSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TrafficSettingsError";
  }
}

/** One model's settings after merging over the defaults. */
export interface ModelTrafficPlan {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  latencyMs: number;
  jitterMs: number;
  faultRates: Readonly<Record<TrafficFaultName, number>>;
  slowResponseMs: number;
}

export interface TrafficPlan {
  /** The validated settings as given (undefined fields dropped, `seed` filled in), for `GET /_emulator/traffic`. */
  settings: TrafficSettings;
  seed: number;
  retryAfterHeader: boolean;
  /** For models without their own entry (and ids the emulator does not serve). */
  defaults: ModelTrafficPlan;
  /** Keyed by served model id. */
  models: ReadonlyMap<string, ModelTrafficPlan>;
}

const defaultSeed = 1;
const defaultSlowResponseMs = 2000;
const settingsKeys = ["seed", "defaults", "models", "retryAfterHeader"];
const modelKeys = ["requestsPerMinute", "tokensPerMinute", "latencyMs", "jitterMs", "faults"];
const faultKeys: readonly string[] = [...trafficFaultNames, "slowResponseMs"];
// Sums of probabilities such as 0.1 + 0.2 + 0.7 land a hair above 1 in floating point.
const sumTolerance = 1e-9;

/**
 * Validates traffic settings (from code or JSON) and merges every model's entry over the defaults.
 * `resolveModelId` maps a settings key to a served model id, or undefined when it names no served model.
 */
export function compileTrafficSettings(
  input: unknown,
  resolveModelId: (key: string) => string | undefined,
): TrafficPlan {
  const source = objectAt(input ?? {}, "traffic", settingsKeys);
  const seed = source["seed"] ?? defaultSeed;
  if (typeof seed !== "number" || !Number.isSafeInteger(seed)) {
    throw new TrafficSettingsError(`traffic.seed must be an integer, got ${describe(seed)}`);
  }
  const retryAfterHeader = source["retryAfterHeader"] ?? false;
  if (typeof retryAfterHeader !== "boolean") {
    throw new TrafficSettingsError(
      `traffic.retryAfterHeader must be true or false, got ${describe(retryAfterHeader)}`,
    );
  }
  const defaults = modelTrafficAt(source["defaults"] ?? {}, "traffic.defaults");
  const settings: TrafficSettings = { seed, defaults };
  if (source["retryAfterHeader"] !== undefined) settings.retryAfterHeader = retryAfterHeader;

  const models = new Map<string, ModelTrafficPlan>();
  const keyOfModel = new Map<string, string>();
  if (source["models"] !== undefined) {
    const entries = objectAt(source["models"], "traffic.models");
    settings.models = {};
    for (const [key, value] of Object.entries(entries)) {
      const path = `traffic.models[${JSON.stringify(key)}]`;
      const modelId = resolveModelId(key);
      if (modelId === undefined) {
        throw new TrafficSettingsError(`${path}: the emulator serves no model ${JSON.stringify(key)}`);
      }
      const earlierKey = keyOfModel.get(modelId);
      if (earlierKey !== undefined) {
        throw new TrafficSettingsError(
          `${path}: ${JSON.stringify(earlierKey)} and ${JSON.stringify(key)} both name ${modelId}`,
        );
      }
      keyOfModel.set(modelId, key);
      const traffic = modelTrafficAt(value, path);
      settings.models[key] = traffic;
      models.set(modelId, planOf(merge(defaults, traffic), path));
    }
  }
  return { settings, seed, retryAfterHeader, defaults: planOf(defaults, "traffic.defaults"), models };
}

function modelTrafficAt(value: unknown, path: string): ModelTraffic {
  const source = objectAt(value, path, modelKeys);
  const traffic: ModelTraffic = {};
  const requestsPerMinute = positiveNumber(source["requestsPerMinute"], `${path}.requestsPerMinute`);
  if (requestsPerMinute !== undefined) traffic.requestsPerMinute = requestsPerMinute;
  const tokensPerMinute = positiveNumber(source["tokensPerMinute"], `${path}.tokensPerMinute`);
  if (tokensPerMinute !== undefined) traffic.tokensPerMinute = tokensPerMinute;
  const latencyMs = nonNegativeNumber(source["latencyMs"], `${path}.latencyMs`);
  if (latencyMs !== undefined) traffic.latencyMs = latencyMs;
  const jitterMs = nonNegativeNumber(source["jitterMs"], `${path}.jitterMs`);
  if (jitterMs !== undefined) traffic.jitterMs = jitterMs;
  if (source["faults"] !== undefined) traffic.faults = faultRatesAt(source["faults"], `${path}.faults`);
  return traffic;
}

function faultRatesAt(value: unknown, path: string): FaultRates {
  const source = objectAt(value, path, faultKeys);
  const rates: FaultRates = {};
  for (const name of trafficFaultNames) {
    const rate = source[name];
    if (rate === undefined) continue;
    if (typeof rate !== "number" || !(rate >= 0 && rate <= 1)) {
      throw new TrafficSettingsError(`${path}.${name} must be a number from 0 to 1, got ${describe(rate)}`);
    }
    rates[name] = rate;
  }
  const slowResponseMs = nonNegativeNumber(source["slowResponseMs"], `${path}.slowResponseMs`);
  if (slowResponseMs !== undefined) rates.slowResponseMs = slowResponseMs;
  return rates;
}

function merge(defaults: ModelTraffic, model: ModelTraffic): ModelTraffic {
  const merged: ModelTraffic = { ...defaults, ...model };
  if (defaults.faults !== undefined || model.faults !== undefined) {
    merged.faults = { ...defaults.faults, ...model.faults };
  }
  return merged;
}

function planOf(traffic: ModelTraffic, path: string): ModelTrafficPlan {
  const faultRates = Object.fromEntries(
    trafficFaultNames.map((name) => [name, traffic.faults?.[name] ?? 0]),
  ) as Record<TrafficFaultName, number>;
  const total = Object.values(faultRates).reduce((sum, rate) => sum + rate, 0);
  if (total > 1 + sumTolerance) {
    throw new TrafficSettingsError(
      `${path}.faults: the rates add up to ${total} (with the defaults merged in); at most one fault hits a request, so they may add up to 1 at most`,
    );
  }
  const plan: ModelTrafficPlan = {
    latencyMs: traffic.latencyMs ?? 0,
    jitterMs: traffic.jitterMs ?? 0,
    faultRates,
    slowResponseMs: traffic.faults?.slowResponseMs ?? defaultSlowResponseMs,
  };
  if (traffic.requestsPerMinute !== undefined) plan.requestsPerMinute = traffic.requestsPerMinute;
  if (traffic.tokensPerMinute !== undefined) plan.tokensPerMinute = traffic.tokensPerMinute;
  return plan;
}

function objectAt(value: unknown, path: string, allowedKeys?: readonly string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TrafficSettingsError(`${path} must be an object, got ${describe(value)}`);
  }
  const source = value as Record<string, unknown>;
  if (allowedKeys !== undefined) {
    const unknownKey = Object.keys(source).find((key) => !allowedKeys.includes(key));
    if (unknownKey !== undefined) {
      throw new TrafficSettingsError(
        `${path} has an unknown field ${JSON.stringify(unknownKey)}; allowed: ${allowedKeys.join(", ")}`,
      );
    }
  }
  return source;
}

function positiveNumber(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new TrafficSettingsError(`${path} must be a number above 0, got ${describe(value)}`);
  }
  return value;
}

function nonNegativeNumber(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new TrafficSettingsError(`${path} must be a number of 0 or more, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return String(value);
}
