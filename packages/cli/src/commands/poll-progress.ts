import type { CliIo } from "../cli-io.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** A progress line on stderr while a job is polled: rewritten in place on a terminal, one line per poll otherwise. */
export interface PollProgressLine {
  update(status: string, elapsedMs: number, nextPollInMs: number | undefined, detail?: string): void;
  /** Ends the line (a newline after an in-place line). */
  finish(): void;
}

/**
 * The progress line for one job, e.g. `⠙ batch job ...abc123: InProgress, 12s, 40/120 records; next check in 5s`.
 *
 * @example
 * const progress = pollProgressLine(io, `async invocation ${arn}`);
 * progress.update("InProgress", 1200, 2000);
 */
export function pollProgressLine(io: CliIo, label: string): PollProgressLine {
  const inPlace = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let frame = 0;
  let open = false;
  return {
    update(status, elapsedMs, nextPollInMs, detail) {
      const seconds = `${(elapsedMs / 1000).toFixed(1)}s`;
      const next = nextPollInMs === undefined ? "" : `; next check in ${(nextPollInMs / 1000).toFixed(1)}s`;
      const text = `${label}: ${status} after ${seconds}${detail ? `, ${detail}` : ""}${next}`;
      if (inPlace) {
        io.stderr.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${text}`);
        open = true;
      } else {
        io.stderr.write(`${text}\n`);
      }
    },
    finish() {
      if (open) io.stderr.write("\n");
      open = false;
    },
  };
}

/**
 * An AbortSignal that fires on Ctrl-C (SIGINT) or the io's stop signal while `work` runs.
 *
 * @example
 * await whileInterruptible(io, (signal) => client.waitForAsyncEmbedding(arn, { signal }));
 */
export async function whileInterruptible<Result>(
  io: CliIo,
  work: (signal: AbortSignal) => Promise<Result>,
): Promise<Result> {
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error("interrupted"));
  process.once("SIGINT", stop);
  io.stopSignal?.addEventListener("abort", stop, { once: true });
  try {
    return await work(controller.signal);
  } finally {
    process.off("SIGINT", stop);
    io.stopSignal?.removeEventListener("abort", stop);
  }
}

/**
 * Raised after a command printed every result it had but some inputs failed: the CLI exits 1.
 *
 * @example
 * throw new IncompleteResultError("1 of 120 records failed (listed above); 119 vectors were printed.");
 */
export class IncompleteResultError extends Error {
  override readonly name = "IncompleteResultError";
}
