import type { ResultRow } from "./result-row.js";

/** The targets, in one place so the table, JSON and README agree. */
export const TARGETS = {
  minimumRatioToOptimum: 0.95,
  /** Scenario F: a quota with random throttles on top. */
  minimumRatioToNoisyOptimum: 0.9,
  maximumThrottledShare: 0.05,
  cohereTextsPerCall: 96,
  minimumRatioToRawSdk: 0.9,
} as const;

/**
 * Fills `ratioToRawSdk` on scenario C rows from the raw SDK loop's CPU per embedding (throughput
 * per CPU second relative to the floor; above 1 is cheaper than the floor).
 */
export function addRatiosToRawSdk(rows: ResultRow[]): void {
  const floor = rows.find(
    (row) => row.scenario === "C" && row.contender === "raw-sdk" && row.status === "ok",
  );
  if (!floor?.cpuMsPer1k) return;
  for (const row of rows) {
    if (row.scenario === "C" && row.cpuMsPer1k) row.ratioToRawSdk = floor.cpuMsPer1k / row.cpuMsPer1k;
  }
}

function check(conditions: [boolean, string][]): { met: boolean; detail: string } {
  const missed = conditions.filter(([ok]) => !ok).map(([, what]) => what);
  return { met: missed.length === 0, detail: missed.length === 0 ? "met" : `missed: ${missed.join("; ")}` };
}

/**
 * Judges this project's row against its scenario's target (other contenders have none).
 *
 * @example
 * judge({ scenario: "E", calls: 0, lost: 0, ... }); // { met: true, detail: "met" }
 */
export function judge(row: ResultRow): { met: boolean; detail: string } {
  const ran = row.status === "ok" || row.status === "failed";
  const lost = row.lost ?? row.texts;
  const noLoss: [boolean, string] = [ran && lost === 0, `${lost} texts lost`];
  switch (row.scenario) {
    case "A": {
      const ratio = row.ratioToOptimum ?? 0;
      const calls = row.calls ?? 0;
      const throttled = row.throttled ?? 0;
      return check([
        [
          ratio >= TARGETS.minimumRatioToOptimum,
          `${ratio.toFixed(2)} of optimum < ${TARGETS.minimumRatioToOptimum}`,
        ],
        noLoss,
        [
          calls > 0 && throttled < TARGETS.maximumThrottledShare * calls,
          `${throttled} of ${calls} requests throttled (limit ${TARGETS.maximumThrottledShare * 100}%)`,
        ],
      ]);
    }
    case "B": {
      const expected = Math.ceil(row.texts / TARGETS.cohereTextsPerCall);
      return check([noLoss, [row.calls === expected, `${row.calls} calls, expected ${expected}`]]);
    }
    case "C": {
      const ratio = row.ratioToRawSdk;
      return check([
        noLoss,
        [
          ratio !== undefined && ratio >= TARGETS.minimumRatioToRawSdk,
          ratio === undefined
            ? "no raw SDK figure to compare with"
            : `${ratio.toFixed(2)} of the raw SDK's throughput < ${TARGETS.minimumRatioToRawSdk}`,
        ],
      ]);
    }
    case "D":
      return check([noLoss, [row.identical === true, "vectors differ from the fault-free run"]]);
    case "E":
      return check([noLoss, [row.calls === 0, `${row.calls} calls with a warm cache`]]);
    case "F": {
      const ratio = row.ratioToOptimum ?? 0;
      return check([
        [
          ratio >= TARGETS.minimumRatioToNoisyOptimum,
          `${ratio.toFixed(2)} of optimum < ${TARGETS.minimumRatioToNoisyOptimum}`,
        ],
        noLoss,
      ]);
    }
  }
}
