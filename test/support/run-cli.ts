import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "packages/cli/bin/bedrock-embeddings.js");

/** What a CLI run printed and how it exited. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How to run the CLI: its working directory, stdin, extra environment (PATH is always passed). */
export interface CliRunOptions {
  cwd: string;
  input?: string;
  environment?: Record<string, string>;
  onStderr?: (text: string, child: ChildProcess) => void;
}

/** Throws unless the CLI was built (the e2e tests run the built CLI as a child process). */
export function assertCliBuilt(): void {
  if (!existsSync(join(root, "packages/cli/dist/index.js"))) {
    throw new Error(
      "The CLI is not built: run `pnpm build` (the README's test command does) before the e2e tests.",
    );
  }
}

/** Runs `bedrock-embeddings <args>` as a child process and collects its output. */
export function runCli(args: string[], options: CliRunOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env["PATH"] ?? "", ...options.environment },
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    child.stderr!.on("data", (chunk) => {
      stderr += chunk;
      options.onStderr?.(stderr, child);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin!.end(options.input ?? "");
  });
}
