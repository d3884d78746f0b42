/**
 * Runs async tasks one at a time, in the order they were queued, so that reading the log and
 * applying it to the in-memory state never interleave within one process.
 *
 * @example
 * const mutex = new AsyncMutex();
 * await mutex.run(async () => replayNewRecords());
 */
export class AsyncMutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it; resolves or rejects with its outcome. */
  run<Result>(task: () => Promise<Result>): Promise<Result> {
    const result = this.tail.then(task);
    // A failed task must not block the ones queued after it.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
