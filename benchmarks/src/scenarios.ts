import type { TrafficSettings } from "@bedrock-embeddings/emulator";

export const SCENARIO_IDS = ["A", "B", "C", "D", "E", "F"] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export const TITAN_V2 = "amazon.titan-embed-text-v2:0";
export const COHERE_V3 = "cohere.embed-english-v3";
const DIMENSION = 1024;
const CORPUS_SEED = 1;
const TRAFFIC_SEED = 7;
const LATENCY_MS = 60;

/**
 * One measured configuration: a model, a corpus and the emulator's traffic settings, the same for
 * every contender.
 */
export interface RunSpec {
  /** Short id used in the table and JSON, e.g. "A 600 rpm". */
  id: string;
  scenario: ScenarioId;
  model: string;
  dimension: number;
  corpus: { count: number; seed: number };
  traffic: TrafficSettings;
  /** Scenario D: the same settings without faults; vectors are compared against this run's. */
  faultFreeTraffic?: TrafficSettings;
  /** Scenarios A and F: the quota, for the quota-bound optimum of texts / (rpm / 60) seconds. */
  requestsPerMinute?: number;
  /** Scenario E: cached contender, warmed by a first pass in the same process. */
  cache?: boolean;
  /**
   * Scenario E: the run with the same corpus and settings. A contender without a cache has nothing
   * to reuse, so its second pass is that run again; its figures are taken from there, not re-measured.
   */
  uncachedEquivalent?: string;
  /** Scenario C: CPU measurement after a warm-up, median of several passes. */
  cpu?: { warmupTexts: number; repeats: number };
  /** A contender still running after this long is killed and recorded as timed out. */
  limitSeconds: number;
}

const quotas = (quick: boolean) => [
  { rpm: 600, texts: quick ? 30 : 300 },
  { rpm: 3_000, texts: quick ? 100 : 2_000 },
  { rpm: 12_000, texts: quick ? 200 : 2_000 },
];

/**
 * Every run of the benchmark; `quick` shrinks the corpora for a smoke run (same settings otherwise).
 *
 * @example
 * buildRuns(false).filter((run) => run.scenario === "A").map((run) => run.id); // ["A 600 rpm", ...]
 */
export function buildRuns(quick: boolean): RunSpec[] {
  const runs: RunSpec[] = quotas(quick).map(({ rpm, texts }) => ({
    id: `A ${rpm} rpm`,
    scenario: "A",
    model: TITAN_V2,
    dimension: DIMENSION,
    corpus: { count: texts, seed: CORPUS_SEED },
    traffic: { seed: TRAFFIC_SEED, defaults: { latencyMs: LATENCY_MS, requestsPerMinute: rpm } },
    requestsPerMinute: rpm,
    limitSeconds: 240,
  }));
  runs.push({
    id: "B Cohere v3",
    scenario: "B",
    model: COHERE_V3,
    dimension: DIMENSION,
    corpus: { count: quick ? 500 : 10_000, seed: CORPUS_SEED },
    traffic: { seed: TRAFFIC_SEED, defaults: { latencyMs: LATENCY_MS } },
    limitSeconds: 180,
  });
  runs.push({
    id: "C CPU",
    scenario: "C",
    model: TITAN_V2,
    dimension: DIMENSION,
    corpus: { count: quick ? 200 : 2_000, seed: CORPUS_SEED },
    traffic: { seed: TRAFFIC_SEED, defaults: {} },
    cpu: { warmupTexts: quick ? 50 : 200, repeats: 3 },
    limitSeconds: 180,
  });
  const faultFree = { seed: TRAFFIC_SEED, defaults: { latencyMs: LATENCY_MS } };
  runs.push({
    id: "D faults",
    scenario: "D",
    model: TITAN_V2,
    dimension: DIMENSION,
    corpus: { count: quick ? 100 : 500, seed: CORPUS_SEED },
    traffic: {
      seed: TRAFFIC_SEED,
      defaults: {
        latencyMs: LATENCY_MS,
        faults: { throttling: 0.1, serviceUnavailable: 0.02, connectionReset: 0.01 },
      },
    },
    faultFreeTraffic: faultFree,
    limitSeconds: 180,
  });
  const warmQuota = quotas(quick).at(-1)!;
  runs.push({
    id: "E warm cache",
    scenario: "E",
    model: TITAN_V2,
    dimension: DIMENSION,
    corpus: { count: warmQuota.texts, seed: CORPUS_SEED },
    traffic: { seed: TRAFFIC_SEED, defaults: { latencyMs: LATENCY_MS, requestsPerMinute: warmQuota.rpm } },
    cache: true,
    uncachedEquivalent: `A ${warmQuota.rpm} rpm`,
    limitSeconds: 180,
  });
  // Capacity throttles at random on top of a quota: the scheduler must learn the quota, not the noise.
  const noisyQuota = quotas(quick)[1]!;
  runs.push({
    id: `F ${noisyQuota.rpm} rpm + 5% 429`,
    scenario: "F",
    model: TITAN_V2,
    dimension: DIMENSION,
    corpus: { count: noisyQuota.texts, seed: CORPUS_SEED },
    traffic: {
      seed: TRAFFIC_SEED,
      defaults: { latencyMs: LATENCY_MS, requestsPerMinute: noisyQuota.rpm, faults: { throttling: 0.05 } },
    },
    requestsPerMinute: noisyQuota.rpm,
    limitSeconds: 240,
  });
  return runs;
}
