import type { ContenderTarget } from "./contenders/contender.js";
import type { ContenderName } from "./contenders/registry.js";

/** What the parent asks one worker process to do. */
export interface WorkerJob {
  contender: ContenderName;
  target: ContenderTarget;
  /** Every vector must have this length to count as embedded. */
  dimension: number;
  corpus: { count: number; seed: number };
  /** Wrap the contender in its vector cache (scenario E). */
  cache: boolean;
  /**
   * Embed the corpus once before measuring, then zero the emulator's counters (scenario E: the
   * cache is warm from this pass; the measured pass's calls are then the only ones counted).
   */
  warmPass: boolean;
  /** Scenario C: embed this many texts first to warm up the JIT and connections, then measure `repeats` passes. */
  cpu?: { warmupTexts: number; repeats: number };
}

/** The error a pass ended with, as name and message (the message cut short). */
export interface PassError {
  name: string;
  message: string;
}

/** One measured pass. */
export interface PassFigures {
  wallMs: number;
  /** User plus system CPU of the worker process during the pass. */
  cpuMs: number;
  /** Inputs without a valid vector at the end of the pass. */
  lost: number;
  error?: PassError;
}

/** What a worker sends back once it is done. */
export interface WorkerReport {
  /** The pass the table shows: the only one, or for scenario C the one with the median CPU time. */
  measured: PassFigures;
  /** Every measured pass (scenario C repeats). */
  passes: PassFigures[];
  /** Per input of the reported pass: `digestVector` of its vector, "" when it has none. */
  digests: string[];
  /** Scenario E: the pass that warmed the cache, with the invoke requests it made. */
  warm?: PassFigures & { calls: number };
}

/** Messages from a worker: a report, or why it could not run at all. */
export type WorkerMessage = { kind: "report"; report: WorkerReport } | { kind: "crash"; error: PassError };

/** The name and a short message of anything thrown. */
export function describeError(error: unknown): PassError {
  if (error instanceof Error) {
    const message = error.message.replace(/\s+/g, " ").trim();
    return { name: error.name, message: message.length > 300 ? `${message.slice(0, 297)}...` : message };
  }
  return { name: typeof error, message: String(error).slice(0, 300) };
}
