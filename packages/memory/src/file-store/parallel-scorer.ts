import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { dotProductAt, normAt, scoreSlots } from "./slot-scoring.js";
import { SLOTS_PER_CHUNK, type VectorArena } from "./vector-arena.js";

// Below this many vectors, handing work to a thread costs more than it saves.
const DEFAULT_MINIMUM_SLOTS = 16_384;

// The helper thread runs the very functions the main thread uses, sent as source text.
const HELPER_SOURCE = `
const { parentPort } = require("node:worker_threads");
${dotProductAt.toString()}
${normAt.toString()}
${scoreSlots.toString()}
let values = [];
let norms = [];
parentPort.on("message", (job) => {
  if (job.values) {
    values = job.values;
    norms = job.norms;
  }
  scoreSlots(values, norms, job.dimension, job.slotsPerChunk, job.query, job.queryNorm, job.eligible, job.scores, job.from, job.to);
  parentPort.postMessage(job.id);
});
`;

interface Helper {
  worker: Worker;
  /** The arena generation whose chunks it holds (-1: none yet). */
  generation: number;
  arena: VectorArena | undefined;
  waiting: Map<number, { resolve(): void; reject(error: unknown): void }>;
}

/**
 * Options of `ParallelScorer`.
 *
 * @example
 * new ParallelScorer({ minimumSlots: 0, helperCount: 1 }); // always use one helper (tests)
 */
export interface ParallelScorerOptions {
  /** Scans of fewer slots stay on the calling thread. */
  minimumSlots?: number;
  /** Helper threads; default: one per core beyond the first, at most 3. */
  helperCount?: number;
}

/**
 * Scores an unscoped search on several cores: the calling thread scores one share of the arena
 * while helper threads (worker_threads, started on first use) score the others, all reading the
 * same SharedArrayBuffer chunks. A helper that fails is not used again and its share is scored on
 * the calling thread, so a search never fails for want of threads.
 *
 * @example
 * const scorer = new ParallelScorer();
 * await scorer.score(arena, query, queryNorm, eligible, scores);
 * await scorer.close();
 */
export class ParallelScorer {
  /** Scans that a helper thread took part in (for tests and diagnostics). */
  helpedScans = 0;
  /** Why the helpers stopped being used, if they did (for diagnostics). */
  helperFailure: unknown;
  private helpers: Helper[] | undefined;
  private broken = false;
  private nextJob = 0;
  private readonly minimumSlots: number;
  private readonly helperCount: number;

  constructor(options: ParallelScorerOptions = {}) {
    this.minimumSlots = options.minimumSlots ?? DEFAULT_MINIMUM_SLOTS;
    this.helperCount = options.helperCount ?? Math.min(3, Math.max(0, availableParallelism() - 1));
  }

  /** Scores every slot of `arena` marked in `eligible` (SharedArrayBuffer-backed) into `scores`. */
  async score(
    arena: VectorArena,
    query: Float32Array,
    queryNorm: number,
    eligible: Uint8Array,
    scores: Float64Array,
  ): Promise<void> {
    const limit = arena.slotLimit;
    const helpers = this.broken || limit < this.minimumSlots ? [] : this.startHelpers();
    const share = Math.ceil(limit / (helpers.length + 1));
    const jobs = helpers.map((helper, index) => {
      const from = Math.min(limit, share * (index + 1));
      const to = Math.min(limit, share * (index + 2));
      return { from, to, done: this.send(helper, arena, { query, queryNorm, eligible, scores, from, to }) };
    });
    arena.scoreRange(query, queryNorm, eligible, scores, 0, Math.min(limit, share));
    let helped = jobs.length > 0;
    for (const job of jobs) {
      try {
        await job.done;
      } catch (error) {
        // The helper is gone: its share is scored here, and the search goes on.
        helped = false;
        this.broken = true;
        this.helperFailure = error;
        arena.scoreRange(query, queryNorm, eligible, scores, job.from, job.to);
      }
    }
    if (helped) this.helpedScans++;
  }

  /** Stops the helper threads. */
  async close(): Promise<void> {
    const helpers = this.helpers ?? [];
    this.helpers = [];
    this.broken = true;
    await Promise.all(helpers.map((helper) => helper.worker.terminate()));
  }

  private startHelpers(): Helper[] {
    this.helpers ??= Array.from({ length: this.helperCount }, () => this.startHelper());
    return this.helpers;
  }

  private startHelper(): Helper {
    const worker = new Worker(HELPER_SOURCE, { eval: true });
    // Idle helpers must not keep the process alive; one with work is referenced until it answers.
    worker.unref();
    const helper: Helper = { worker, generation: -1, arena: undefined, waiting: new Map() };
    worker.on("message", (id: number) => {
      helper.waiting.get(id)?.resolve();
      helper.waiting.delete(id);
      if (helper.waiting.size === 0) worker.unref();
    });
    const fail = (error: unknown) => {
      this.broken = true;
      this.helperFailure ??= error;
      for (const waiter of helper.waiting.values()) waiter.reject(error);
      helper.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`a search helper thread exited with code ${code}`)));
    return helper;
  }

  private send(
    helper: Helper,
    arena: VectorArena,
    job: {
      query: Float32Array;
      queryNorm: number;
      eligible: Uint8Array;
      scores: Float64Array;
      from: number;
      to: number;
    },
  ): Promise<void> {
    const id = this.nextJob++;
    const fresh = helper.arena !== arena || helper.generation !== arena.generation;
    const chunks = fresh ? arena.sharedChunks : undefined;
    helper.arena = arena;
    helper.generation = arena.generation;
    return new Promise<void>((resolve, reject) => {
      helper.waiting.set(id, { resolve, reject });
      helper.worker.ref();
      helper.worker.postMessage({
        id,
        ...job,
        ...chunks,
        dimension: arena.dimension,
        slotsPerChunk: SLOTS_PER_CHUNK,
      });
    });
  }
}
