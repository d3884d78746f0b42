import { closeSync, openSync, unlinkSync, writeSync } from "node:fs";
import { mkdir, readFile, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ConfigurationError } from "@bedrock-embeddings/core";
import { currentOwner, type LockOwner, ownerState, parseOwner } from "./lock-owner.js";

// A lock file that holds no owner yet is being written (microseconds); older than this, its writer died.
const UNWRITTEN_LOCK_GRACE_MILLISECONDS = 5_000;
const LONGEST_PAUSE_MILLISECONDS = 20;
const MOST_TAKEOVER_ATTEMPTS = 100;

/**
 * Options of `FileLock`.
 *
 * @example
 * const options: FileLockOptions = { timeoutMilliseconds: 30_000, description: "the memory store /data/memories.log" };
 */
export interface FileLockOptions {
  /** How long `acquire` waits for a live holder before it gives up with a ConfigurationError. */
  timeoutMilliseconds: number;
  /** What the lock guards, for messages. */
  description: string;
}

interface SeenLock {
  text: string;
  owner: LockOwner | undefined;
  ageMilliseconds: number;
}

/**
 * A cross-process lock held for the few milliseconds of one write: a file created with O_EXCL
 * holding the owner's pid, host, boot id and pid namespace. A lock left by a process that died
 * (kill -9, crash, reboot) on this machine is taken over at once; one held by a live process, or by
 * another machine or container (which cannot be checked), is waited for up to `timeoutMilliseconds`,
 * then `acquire` fails with a ConfigurationError that says what to do. Taking over goes through a
 * second O_EXCL file, so two waiters never both remove a lock.
 *
 * @example
 * const lock = new FileLock("/data/memories.log.lock", { timeoutMilliseconds: 30_000, description });
 * await lock.acquire();
 * try { await appendRecords(); } finally { await lock.release(); }
 */
export class FileLock {
  private held = false;

  constructor(
    readonly path: string,
    private readonly options: FileLockOptions,
  ) {}

  /** Waits until this process holds the lock. */
  async acquire(): Promise<void> {
    const deadline = Date.now() + this.options.timeoutMilliseconds;
    const content = JSON.stringify(currentOwner());
    let pause = 1;
    let takeovers = 0;
    for (;;) {
      if (await createExclusive(this.path, content)) {
        this.held = true;
        return;
      }
      const seen = await readLock(this.path);
      if (seen === undefined) continue; // released meanwhile
      // A dead holder is replaced at once, whatever the timeout (bounded, should removal keep failing).
      if (isDead(seen) && takeovers < MOST_TAKEOVER_ATTEMPTS) {
        takeovers++;
        await removeDeadLock(this.path, seen.text, content);
        continue;
      }
      if (Date.now() >= deadline) throw this.timeoutError(seen);
      await sleep(pause);
      pause = Math.min(pause * 2, LONGEST_PAUSE_MILLISECONDS);
    }
  }

  /** Releases the lock; does nothing when it is not held. */
  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    // No other process removes a live lock on this machine, so the file is still ours.
    removeIfPresent(this.path);
  }

  private timeoutError(seen: SeenLock): ConfigurationError {
    const seconds = this.options.timeoutMilliseconds / 1000;
    const owner = seen.owner;
    if (owner === undefined) {
      return new ConfigurationError(
        `${this.options.description} is locked by a lock file that names no owner; waited ${seconds} s.`,
        { file: this.path, fix: `If no program uses the store, delete ${this.path}.` },
      );
    }
    const holder = `process ${owner.pid} on host "${owner.host}" (since ${owner.since})`;
    const fixes: Record<ReturnType<typeof ownerState>, string> = {
      alive: `That process is writing to the store or is stuck: retry later, or stop process ${owner.pid}.`,
      dead: `That process is gone but its lock could not be taken over: delete ${this.path}.`,
      unknown: `Another machine or container holds it. If no program there uses the store any more, delete ${this.path}.`,
    };
    return new ConfigurationError(
      `${this.options.description} is locked by ${holder}; waited ${seconds} s.`,
      {
        file: this.path,
        fix: fixes[ownerState(owner)],
      },
    );
  }
}

/**
 * Removes the lock at `path` if it still holds `deadText`, the content of a lock whose owner was
 * found dead. Only the process that creates `<path>.takeover` (holding `takerContent`) may do it,
 * and it checks the content again while holding that: another waiter may have removed the dead lock
 * and taken a fresh one meanwhile, which must stay.
 *
 * @example
 * await removeDeadLock("/data/memories.log.lock", seen.text, JSON.stringify(currentOwner()));
 */
export async function removeDeadLock(path: string, deadText: string, takerContent: string): Promise<void> {
  const takeover = `${path}.takeover`;
  if (!(await createExclusive(takeover, takerContent))) {
    const other = await readLock(takeover);
    // Whoever was taking over died in those few microseconds: clear the way.
    if (other !== undefined && isDead(other)) await unlinkIfPresent(takeover);
    else await sleep(1);
    return;
  }
  try {
    const now = await readLock(path);
    if (now?.text === deadText) await unlinkIfPresent(path);
  } finally {
    await unlinkIfPresent(takeover);
  }
}

function isDead(seen: SeenLock): boolean {
  if (seen.owner === undefined) return seen.ageMilliseconds > UNWRITTEN_LOCK_GRACE_MILLISECONDS;
  return ownerState(seen.owner) === "dead";
}

// Creates `path` holding `content`, or returns false if it exists. Synchronous on purpose: taking
// and releasing the lock are a few microseconds of metadata work on every write, far less than the
// thread-pool round trips of the async calls, which would dominate an awaited add.
async function createExclusive(path: string, content: string): Promise<boolean> {
  let descriptor: number;
  try {
    descriptor = openExclusive(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === "EEXIST") return false;
    if ((error as { code?: unknown }).code !== "ENOENT") throw lockFileError(path, error);
    // The directory does not exist yet (a first write): create it, then try once more.
    await mkdir(dirname(path), { recursive: true });
    try {
      descriptor = openExclusive(path);
    } catch (retryError) {
      if ((retryError as { code?: unknown }).code === "EEXIST") return false;
      throw lockFileError(path, retryError);
    }
  }
  try {
    writeSync(descriptor, content);
  } catch (error) {
    // A lock file that names no owner would hold everyone off for a while: remove it.
    closeSync(descriptor);
    removeIfPresent(path);
    throw lockFileError(path, error);
  }
  closeSync(descriptor);
  return true;
}

function openExclusive(path: string): number {
  return openSync(path, "wx", 0o600);
}

function lockFileError(path: string, cause: unknown): ConfigurationError {
  return new ConfigurationError(`could not create the lock file (${(cause as Error).message}).`, {
    file: path,
    cause,
    fix: "Writing to the store needs write access to its directory (and free disk space).",
  });
}

async function readLock(path: string): Promise<SeenLock | undefined> {
  try {
    const [text, stats] = await Promise.all([readFile(path, "utf8"), stat(path)]);
    return { text, owner: parseOwner(text), ageMilliseconds: Date.now() - stats.mtimeMs };
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return undefined;
    throw error;
  }
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ENOENT") throw error;
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ENOENT") throw error;
  }
}
