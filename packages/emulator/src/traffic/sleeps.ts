/**
 * Timers for response delays that can all be cut short at once, so closing the emulator does not wait
 * for slow responses. One set of callbacks instead of an AbortSignal avoids listener-count warnings.
 */
export class Sleeps {
  readonly #wakers = new Set<() => void>();
  #cancelled = false;

  /** Resolves after `milliseconds`, or at once when they are not positive or `cancelAll` was called. */
  wait(milliseconds: number): Promise<void> {
    if (this.#cancelled || !(milliseconds > 0)) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.#wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, milliseconds);
      this.#wakers.add(wake);
    });
  }

  /** Ends every pending wait now and makes later ones return immediately. */
  cancelAll(): void {
    this.#cancelled = true;
    for (const wake of [...this.#wakers]) wake();
  }
}
