import type { CliIo } from "./cli-io.js";

/**
 * Resolves when the user stops a long-running command: Ctrl-C (SIGINT), SIGTERM, or the test
 * harness's `stopSignal`. The listeners go with the first of them.
 *
 * @example
 * await stopRequested(io);
 * await server.close();
 */
export function stopRequested(io: CliIo): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      io.stopSignal?.removeEventListener("abort", stop);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    io.stopSignal?.addEventListener("abort", stop, { once: true });
  });
}
