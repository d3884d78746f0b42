import { forkTypeScript } from "./child-entry.js";
import type { ContenderTarget } from "./contenders/contender.js";
import type { WorkerJob, WorkerMessage, WorkerReport } from "./worker-protocol.js";

/** How a worker ended: its report, or why there is none. */
export type WorkerOutcome =
  | { kind: "report"; report: WorkerReport }
  | { kind: "crash"; message: string }
  | { kind: "timeout"; limitSeconds: number };

const KEPT_OUTPUT_CHARS = 2000;

/**
 * The worker's environment: the parent's without any AWS_* variable (no real credentials, profile
 * or endpoint can leak in), plus the contender's own settings, and no instance-metadata lookups.
 */
export function workerEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith("AWS_")) environment[name] = value;
  return {
    ...environment,
    AWS_EC2_METADATA_DISABLED: "true",
    // The SDK's notice that its 2027 releases need Node 22 would only add noise to dropped output.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...extra,
  };
}

/**
 * Runs one job in a fresh worker process and waits for its report, killing it after `limitSeconds`.
 * The worker's output (some libraries log every failed call) is dropped except for its tail, which
 * explains a crash.
 */
export function runWorker(
  job: WorkerJob,
  extraEnvironment: (target: ContenderTarget) => Record<string, string>,
  limitSeconds: number,
): Promise<WorkerOutcome> {
  const child = forkTypeScript("contender-worker.ts", {
    env: workerEnvironment(extraEnvironment(job.target)),
    output: "pipe",
  });
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return new Promise((resolve) => {
    let outcome: WorkerOutcome | undefined;
    const timer = setTimeout(() => {
      outcome ??= { kind: "timeout", limitSeconds };
      child.kill("SIGKILL");
    }, limitSeconds * 1000);
    child.on("message", (message: WorkerMessage) => {
      if (message.kind === "report") outcome ??= { kind: "report", report: message.report };
      else outcome ??= { kind: "crash", message: `${message.error.name}: ${message.error.message}` };
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(
        outcome ?? {
          kind: "crash",
          message: `worker exited (${signal ?? `code ${code}`}) without a report: ${tail.trim().slice(-500)}`,
        },
      );
    });
    child.send(job);
  });
}
