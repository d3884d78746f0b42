/**
 * How one doctor check ended: `ok`; `fail` (the run exits 1); `skip` when an earlier failure
 * leaves nothing to check.
 *
 * @example
 * const status: CheckStatus = "fail";
 */
export type CheckStatus = "ok" | "fail" | "skip";

/**
 * One line of `bedrock-embeddings doctor`: what was checked, what was found, and for a failure what to do.
 *
 * @example
 * const result: CheckResult = { check: "region", status: "ok", detail: "us-east-1 (from AWS_REGION)" };
 */
export interface CheckResult {
  check: string;
  status: CheckStatus;
  /** What was found; never a secret. */
  detail: string;
  /** What to do about a failure, naming CLI flags and config keys. */
  fix?: string;
}

/**
 * A check result from a thrown error: its message, and its `fix` when it has one.
 *
 * @example
 * failedCheck("model access", error, "Check the model id with bedrock-embeddings models.");
 */
export function failedCheck(check: string, error: unknown, fallbackFix: string): CheckResult {
  const message = error instanceof Error ? error.message : String(error);
  const fix = (error as { fix?: unknown } | undefined)?.fix;
  if (typeof fix !== "string") return { check, status: "fail", detail: message, fix: fallbackFix };
  // Typed errors end their message with the fix; the line prints it once, after "Fix:".
  const detail = message.endsWith(` ${fix}`) ? message.slice(0, -fix.length - 1) : message;
  return { check, status: "fail", detail, fix };
}
