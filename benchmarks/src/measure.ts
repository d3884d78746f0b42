import type { EmulatorStats } from "@bedrock-embeddings/emulator";
import type { ContenderTarget } from "./contenders/contender.js";
import { CONTENDERS, type ContenderName } from "./contenders/registry.js";
import type { EmulatorProcess } from "./emulator-control.js";
import type { ResultRow } from "./result-row.js";
import { runWorker, type WorkerOutcome } from "./run-worker.js";
import type { RunSpec } from "./scenarios.js";
import type { WorkerReport } from "./worker-protocol.js";

const REGION = "us-east-1";
// Requests a killed or failed worker left in flight finish within the emulator's latency; wait them out.
const SETTLE_MS = 300;

interface Measured {
  outcome: WorkerOutcome;
  stats: EmulatorStats;
}

async function measureOnce(
  run: RunSpec,
  contender: ContenderName,
  emulator: EmulatorProcess,
  credentials: ContenderTarget["credentials"],
  traffic: RunSpec["traffic"],
): Promise<Measured> {
  await emulator.prepare(traffic);
  const target: ContenderTarget = { url: emulator.url, region: REGION, credentials, model: run.model };
  const info = CONTENDERS[contender];
  const outcome = await runWorker(
    {
      contender,
      target,
      dimension: run.dimension,
      corpus: run.corpus,
      cache: run.cache ?? false,
      warmPass: run.cache ?? false,
      cpu: run.cpu,
    },
    info.environment,
    run.limitSeconds,
  );
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return { outcome, stats: await emulator.stats() };
}

function baseRow(run: RunSpec, contender: ContenderName): ResultRow {
  return {
    run: run.id,
    scenario: run.scenario,
    contender,
    label: CONTENDERS[contender].label,
    texts: run.corpus.count,
    status: "skipped",
  };
}

function applyOutcome(row: ResultRow, { outcome, stats }: Measured): WorkerReport | undefined {
  row.calls = stats.requests;
  row.throttled = stats.byStatus["429"] ?? 0;
  row.byStatus = stats.byStatus;
  if (outcome.kind === "timeout") {
    row.status = "timed out";
    row.note = `killed after ${outcome.limitSeconds} s`;
    row.lost = row.texts;
    return undefined;
  }
  if (outcome.kind === "crash") {
    row.status = "crashed";
    row.note = outcome.message;
    row.lost = row.texts;
    return undefined;
  }
  const { measured } = outcome.report;
  row.status = measured.error ? "failed" : "ok";
  if (measured.error) row.note = `${measured.error.name}: ${measured.error.message}`;
  row.wallSeconds = measured.wallMs / 1000;
  row.lost = measured.lost;
  return outcome.report;
}

/**
 * Runs one contender on one run spec in a fresh worker process, with the emulator's traffic set
 * and counters zeroed first, and turns what happened into a table row (targets not yet judged).
 *
 * @example
 * const row = await measureContender(run, "ours", emulator, EMULATOR_DEFAULT_CREDENTIALS);
 */
export async function measureContender(
  run: RunSpec,
  contender: ContenderName,
  emulator: EmulatorProcess,
  credentials: ContenderTarget["credentials"],
): Promise<ResultRow> {
  const row = baseRow(run, contender);
  const info = CONTENDERS[contender];
  const unsupported = info.unsupported(run.model);
  if (unsupported) {
    row.note = `not run: ${unsupported}`;
    return row;
  }
  if (run.cache && info.noCache) {
    row.note = `not run: ${info.noCache}`;
    return row;
  }
  let reference: WorkerReport | undefined;
  if (run.faultFreeTraffic) {
    const faultFree = await measureOnce(run, contender, emulator, credentials, run.faultFreeTraffic);
    const referenceRow = baseRow(run, contender);
    reference = applyOutcome(referenceRow, faultFree);
    row.faultFreeLost = referenceRow.lost;
  }
  const measured = await measureOnce(run, contender, emulator, credentials, run.traffic);
  const report = applyOutcome(row, measured);
  if (!report) return row;
  if (run.requestsPerMinute && row.wallSeconds) {
    // Only texts that came back count: a client that loses texts fast is not fast.
    const embedded = run.corpus.count - (row.lost ?? 0);
    row.ratioToOptimum = embedded / (run.requestsPerMinute / 60) / row.wallSeconds;
  }
  if (run.cpu) {
    row.cpuMsPer1k = (report.measured.cpuMs / run.corpus.count) * 1000;
    // The counters span the warm-up and every repeat; calls per pass say nothing new here.
    row.calls = undefined;
  }
  if (run.faultFreeTraffic) {
    row.identical =
      reference !== undefined &&
      report.digests.every((digest, index) => digest !== "" && digest === reference.digests[index]);
  }
  if (report.warm) {
    row.warmPass = {
      wallSeconds: report.warm.wallMs / 1000,
      lost: report.warm.lost,
      calls: report.warm.calls,
    };
  }
  return row;
}

/**
 * Scenario E rows of contenders without a cache, filled from the run with the same corpus and
 * settings (their second pass is that run again), when it was measured in this invocation.
 */
export function fillUncachedRows(runs: readonly RunSpec[], rows: ResultRow[]): void {
  for (const run of runs) {
    if (!run.uncachedEquivalent) continue;
    for (const row of rows) {
      const info = CONTENDERS[row.contender];
      if (row.run !== run.id || !info.noCache || info.unsupported(run.model)) continue;
      const source = rows.find(
        (other) => other.run === run.uncachedEquivalent && other.contender === row.contender,
      );
      if (!source || source.texts !== row.texts) continue;
      row.status = source.status;
      row.wallSeconds = source.wallSeconds;
      row.calls = source.calls;
      row.throttled = source.throttled;
      row.byStatus = source.byStatus;
      row.lost = source.lost;
      row.note = `${info.noCache}: a second pass repeats its ${run.uncachedEquivalent} run (same corpus and settings), figures copied from there`;
    }
  }
}
