import type { CheckResult } from "./doctor-check.js";

const CHECK_WIDTH = 13;

/**
 * One text line per check: status, check name, what was found, and the fix of a failure.
 *
 * @example
 * formatCheckLine({ check: "region", status: "ok", detail: "us-east-1 (from AWS_REGION)" });
 * // "ok    region        us-east-1 (from AWS_REGION)\n"
 */
export function formatCheckLine(result: CheckResult): string {
  const fix = result.status === "fail" && result.fix ? ` Fix: ${result.fix}` : "";
  return `${result.status.padEnd(4)}  ${result.check.padEnd(CHECK_WIDTH)} ${result.detail}${fix}\n`;
}

/**
 * The closing line: how many checks passed, failed and were skipped.
 *
 * @example
 * summarizeChecks(results); // "5 ok, 1 failed (endpoint), 1 skipped\n"
 */
export function summarizeChecks(results: readonly CheckResult[]): string {
  const failed = results.filter((result) => result.status === "fail");
  const count = (status: CheckResult["status"]) =>
    results.filter((result) => result.status === status).length;
  const parts = [`${count("ok")} ok`];
  if (failed.length > 0)
    parts.push(`${failed.length} failed (${failed.map((result) => result.check).join(", ")})`);
  if (count("skip") > 0) parts.push(`${count("skip")} skipped`);
  return `${parts.join(", ")}\n`;
}
