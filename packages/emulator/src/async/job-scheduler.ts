/**
 * Runs background job steps after a delay and keeps track of them, so the emulator can cancel the pending
 * ones and wait for the running ones when it closes (nothing keeps writing to S3 after `close()`).
 */
export class JobScheduler {
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #running = new Set<Promise<void>>();
  #closed = false;

  /** Runs `step` after `delayMs`; a failure that escapes it is reported as a process warning. */
  after(delayMs: number, step: () => Promise<void> | void): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (this.#closed) return;
      const running = Promise.resolve()
        .then(step)
        .catch((error: unknown) => {
          process.emitWarning(
            error instanceof Error ? error : new Error(String(error)),
            "BedrockEmulatorWarning",
          );
        })
        .finally(() => this.#running.delete(running));
      this.#running.add(running);
    }, delayMs);
    this.#timers.add(timer);
  }

  /** Cancels steps not yet started and waits for running ones. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await Promise.all([...this.#running]);
  }
}
