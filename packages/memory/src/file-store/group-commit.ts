/**
 * A write waiting in a `GroupCommitQueue`.
 *
 * @example
 * const job: CommitJob = { weight: 1, exclusive: false, reject: (error) => { ... } };
 */
export interface CommitJob {
  /** How many records it writes, to bound the size of one batch. */
  readonly weight: number;
  /** Runs alone (compaction, reset) rather than batched with others. */
  readonly exclusive: boolean;
  /** Fails the job; called by the queue only if committing its batch throws. */
  reject(error: unknown): void;
}

/**
 * Queues the writes of one process and hands them to `commit` in batches: the writes that arrived
 * while the previous batch was on its way to disk go together, so N concurrent writes cost about one
 * lock, one write() and one fsync rather than N. Batches are committed one at a time, in order.
 * `commit` settles each job of its batch.
 *
 * @example
 * const queue = new GroupCommitQueue<Job>((batch) => writeBatch(batch), 10_000);
 * queue.push(job);
 * await queue.idle();
 */
export class GroupCommitQueue<Job extends CommitJob> {
  private readonly jobs: Job[] = [];
  private draining: Promise<void> | undefined;

  constructor(
    private readonly commit: (batch: Job[]) => Promise<void>,
    private readonly largestBatchWeight: number,
  ) {}

  push(job: Job): void {
    this.jobs.push(job);
    this.draining ??= this.drain();
  }

  /** Resolves once every job queued so far has been committed (or failed). */
  idle(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    try {
      while (this.jobs.length > 0) {
        const batch = this.takeBatch();
        try {
          await this.commit(batch);
        } catch (error) {
          for (const job of batch) job.reject(error);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  private takeBatch(): Job[] {
    if (this.jobs[0]!.exclusive) return this.jobs.splice(0, 1);
    let count = 0;
    let weight = 0;
    for (const job of this.jobs) {
      if (job.exclusive || (count > 0 && weight + job.weight > this.largestBatchWeight)) break;
      count++;
      weight += job.weight;
    }
    return this.jobs.splice(0, count);
  }
}
