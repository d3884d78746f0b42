/** How a `WriteQueue` reads, copies, saves and swaps the state it guards. */
export interface WriteQueueHooks<State> {
  /** The committed state (loading it on first use). */
  base(): Promise<State>;
  /** A copy that changes can be applied to without touching the committed state. */
  clone(state: State): State;
  /** True when `draft` differs from `base` and must be saved. */
  changed(draft: State, base: State): boolean;
  /** Makes `draft` durable; a rejection means nothing was saved. */
  persist(draft: State): Promise<void>;
  /** Makes `draft` the committed state, once it is saved. */
  commit(draft: State): void;
}

interface Job<State> {
  change(draft: State): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Serializes the writes of one process to one state, with group commit: changes queued while a save
 * is in flight are applied together to a copy and saved in one go. A change's promise resolves
 * only once the save that holds it succeeded; if the save fails, every change in it rejects and the
 * committed state stays as it was, so what readers see always matches what is saved.
 *
 * Changes run synchronously on the draft and must validate before they modify it: a change that
 * throws rejects alone and must leave the draft untouched.
 *
 * @example
 * const queue = new WriteQueue(hooks);
 * await Promise.all([queue.run((draft) => draft.add(a)), queue.run((draft) => draft.add(b))]);
 */
export class WriteQueue<State> {
  private readonly jobs: Job<State>[] = [];
  private draining = false;

  constructor(private readonly hooks: WriteQueueHooks<State>) {}

  /** Applies `change` to the state after every change queued before it; resolves once it is saved. */
  run<Result>(change: (draft: State) => Result): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.jobs.push({ change, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.jobs.length > 0) {
        const batch = this.jobs.splice(0);
        await this.apply(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  private async apply(batch: Job<State>[]): Promise<void> {
    let base: State;
    try {
      base = await this.hooks.base();
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    const draft = this.hooks.clone(base);
    const applied: { job: Job<State>; result: unknown }[] = [];
    for (const job of batch) {
      try {
        applied.push({ job, result: job.change(draft) });
      } catch (error) {
        job.reject(error);
      }
    }
    if (applied.length === 0) return;
    if (this.hooks.changed(draft, base)) {
      try {
        await this.hooks.persist(draft);
      } catch (error) {
        for (const { job } of applied) job.reject(error);
        return;
      }
      this.hooks.commit(draft);
    }
    for (const { job, result } of applied) job.resolve(result);
  }
}
