/**
 * Child-process entry: runs one contender on one corpus and reports wall time, its own CPU time,
 * losses and vector digests to the parent over IPC. Running each contender in its own process keeps
 * the emulator's CPU and other libraries' module loading out of its figures.
 */

import type { ContenderSession } from "./contenders/contender.js";
import { CONTENDERS } from "./contenders/registry.js";
import { buildCorpus } from "./corpus.js";
import { digestVector } from "./vectors.js";
import {
  describeError,
  type PassFigures,
  type WorkerJob,
  type WorkerMessage,
  type WorkerReport,
} from "./worker-protocol.js";

interface PassOutcome {
  figures: PassFigures;
  digests: string[];
}

async function runPass(
  session: ContenderSession,
  texts: readonly string[],
  dimension: number,
): Promise<PassOutcome> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let vectors: readonly (readonly number[] | undefined)[] = [];
  let error: unknown;
  try {
    const pass = await session.embed(texts);
    vectors = pass.vectors;
    error = pass.error;
  } catch (thrown) {
    error = thrown;
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const digests = texts.map((_, index) => digestVector(vectors[index], dimension));
  const figures: PassFigures = {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    lost: digests.filter((digest) => digest === "").length,
  };
  if (error !== undefined) figures.error = describeError(error);
  return { figures, digests };
}

/** Zeroes the emulator's counters and returns the invoke requests counted until then. */
async function resetEmulatorStats(url: string): Promise<number> {
  const response = await fetch(`${url}/_emulator/stats/reset`, { method: "POST" });
  if (!response.ok) throw new Error(`POST /_emulator/stats/reset answered ${response.status}`);
  return ((await response.json()) as { requests: number }).requests;
}

async function run(job: WorkerJob): Promise<WorkerReport> {
  const contender = await CONTENDERS[job.contender].load();
  const session = await contender.open(job.target, { cache: job.cache });
  const texts = buildCorpus(job.corpus.count, job.corpus.seed);
  let warm: WorkerReport["warm"];
  if (job.warmPass) {
    const figures = (await runPass(session, texts, job.dimension)).figures;
    warm = { ...figures, calls: await resetEmulatorStats(job.target.url) };
  }
  if (job.cpu) {
    const warmup = buildCorpus(job.cpu.warmupTexts, job.corpus.seed + 1);
    await runPass(session, warmup, job.dimension);
    const outcomes: PassOutcome[] = [];
    for (let repeat = 0; repeat < job.cpu.repeats; repeat++)
      outcomes.push(await runPass(session, texts, job.dimension));
    const byCpu = [...outcomes].sort((left, right) => left.figures.cpuMs - right.figures.cpuMs);
    const median = byCpu[Math.floor(byCpu.length / 2)]!;
    return {
      measured: median.figures,
      passes: outcomes.map((outcome) => outcome.figures),
      digests: median.digests,
      warm,
    };
  }
  const outcome = await runPass(session, texts, job.dimension);
  return { measured: outcome.figures, passes: [outcome.figures], digests: outcome.digests, warm };
}

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

process.once("message", (job: WorkerJob) => {
  run(job)
    .then((report) => send({ kind: "report", report }))
    .catch((error: unknown) => send({ kind: "crash", error: describeError(error) }))
    .finally(() => process.exit(0));
});

// The parent gave up (time limit or interrupted): stop at once rather than keep calling the emulator.
process.on("disconnect", () => process.exit(1));
