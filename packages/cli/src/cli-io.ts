import type { Environment } from "@bedrock-embeddings/core";

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  environment: Environment;
  /** Ends long-running commands (the emulator) in tests; Ctrl-C in a terminal. */
  stopSignal?: AbortSignal;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    environment: { ...process.env },
  };
}
