import type { ContenderName } from "./contenders/registry.js";
import type { ScenarioId } from "./scenarios.js";

/** How a contender's run ended. */
export type RunStatus = "ok" | "failed" | "timed out" | "crashed" | "skipped";

/** One line of the table and one entry of the JSON: one contender on one run. */
export interface ResultRow {
  run: string;
  scenario: ScenarioId;
  contender: ContenderName;
  label: string;
  texts: number;
  /** "failed": the library reported an error (texts may be lost); "crashed": the worker itself died. */
  status: RunStatus;
  /** Why it was skipped, or the error it ended with. */
  note?: string;
  wallSeconds?: number;
  /** Scenario A: the quota-bound optimum for the texts embedded (embedded / (rpm / 60) seconds) over the wall time. */
  ratioToOptimum?: number;
  /** Invoke requests the emulator answered (retries included): the calls made. */
  calls?: number;
  /** 429 responses (quota throttles and injected throttling faults). */
  throttled?: number;
  /** Emulator counters by HTTP status ("0": connection reset). */
  byStatus?: Record<string, number>;
  /** Inputs without a valid vector at the end. */
  lost?: number;
  /** Scenario C: the worker's CPU milliseconds per 1,000 embeddings (median pass). */
  cpuMsPer1k?: number;
  /** Scenario C: raw SDK CPU per embedding divided by this contender's (its throughput relative to the floor). */
  ratioToRawSdk?: number;
  /** Scenario D: whether every vector equals the same contender's fault-free run. */
  identical?: boolean;
  /** Scenario D: the fault-free reference run's losses (a reference that lost texts cannot vouch for them). */
  faultFreeLost?: number;
  /** Scenario E: the pass that warmed the cache. */
  warmPass?: { wallSeconds: number; lost: number; calls: number };
  /** Only for this project: whether the target for the scenario is met, and why not. */
  target?: { met: boolean; detail: string };
}
