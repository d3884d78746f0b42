import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The benchmarks/ folder: where `tsx` is installed, so children can load TypeScript. */
export const BENCHMARKS_ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Forks a TypeScript entry file of this folder under tsx, with an IPC channel.
 *
 * @example
 * const child = forkTypeScript("contender-worker.ts", { env: process.env, output: "pipe" });
 */
export function forkTypeScript(
  file: string,
  options: { env: NodeJS.ProcessEnv; output: "inherit" | "pipe" },
): ChildProcess {
  return fork(fileURLToPath(new URL(`./${file}`, import.meta.url)), [], {
    cwd: BENCHMARKS_ROOT,
    env: options.env,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", options.output, options.output, "ipc"],
  });
}
