import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import type { Environment } from "@bedrock-embeddings/core";
import { assertCliBuilt, root } from "./run-cli.js";

/** A `bedrock-embeddings serve` child process that printed its URL. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the BUILT CLI's `serve` with `args` and waits for the `http://HOST:PORT` line on stdout.
 *
 * @example
 * const serve = await startServeCli(["--config", file], { EMBEDDINGS_API_KEY: "sk-test" });
 */
export function startServeCli(args: string[], environment: Environment): Promise<ServeProcess> {
  assertCliBuilt();
  const child = spawn(
    process.execPath,
    [join(root, "packages/cli/bin/bedrock-embeddings.js"), "serve", ...args],
    {
      cwd: root,
      env: { PATH: process.env["PATH"] ?? "", ...environment },
    },
  );
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const url = /^(http:\/\/\S+)\n/m.exec(stdout)?.[1];
      if (url) {
        resolve({
          url,
          child,
          stderr: () => stderr,
          exited,
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${stderr}`)));
  });
}
