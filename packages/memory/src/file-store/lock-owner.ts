import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { isPlainObject } from "../json-value.js";

/**
 * Who holds a lock, as written in the lock file: enough to tell, from the same machine, whether
 * that process still runs.
 *
 * @example
 * const owner: LockOwner = { pid: 4242, host: "laptop", since: "2026-12-07T12:00:00.000Z" };
 */
export interface LockOwner {
  pid: number;
  host: string;
  /** Linux boot id: a lock from before a reboot is dead whatever its pid. */
  bootId?: string;
  /** Linux pid namespace: pids of another container mean nothing here. */
  pidNamespace?: string;
  /** When the lock was taken (ISO 8601), for messages. */
  since: string;
}

/**
 * Whether the process holding a lock runs: `dead` only when that is certain (same machine and pid
 * namespace, and no such process, or the machine rebooted since); `unknown` for another machine or
 * container, whose lock is never taken over.
 *
 * @example
 * if (ownerState(owner) === "dead") takeOver();
 */
export type OwnerState = "alive" | "dead" | "unknown";

let self: Omit<LockOwner, "since"> | undefined;

/**
 * This process as a lock owner.
 *
 * @example
 * await writeFile(lockPath, JSON.stringify(currentOwner()), { flag: "wx" });
 */
export function currentOwner(): LockOwner {
  self ??= { pid: process.pid, host: hostname(), bootId: readBootId(), pidNamespace: readPidNamespace() };
  return { ...self, since: new Date().toISOString() };
}

/**
 * The owner written in a lock file, or undefined if the text is not one (still being written, or
 * damaged).
 *
 * @example
 * const owner = parseOwner(await readFile(lockPath, "utf8"));
 */
export function parseOwner(text: string): LockOwner | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(value) || !Number.isSafeInteger(value["pid"]) || (value["pid"] as number) < 1)
    return undefined;
  if (typeof value["host"] !== "string" || typeof value["since"] !== "string") return undefined;
  return value as unknown as LockOwner;
}

/**
 * Whether `owner`'s process still runs (see `OwnerState`).
 *
 * @example
 * ownerState({ ...currentOwner(), pid: deadPid }); // "dead"
 */
export function ownerState(owner: LockOwner): OwnerState {
  const me = currentOwner();
  if (owner.host !== me.host) return "unknown";
  if (owner.bootId !== undefined && me.bootId !== undefined && owner.bootId !== me.bootId) return "dead";
  if (owner.pidNamespace !== me.pidNamespace) return "unknown";
  try {
    process.kill(owner.pid, 0);
    return "alive";
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as { code?: unknown }).code === "ESRCH" ? "dead" : "alive";
  }
}

function readBootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined; // not Linux: the pid check alone decides
  }
}

function readPidNamespace(): string | undefined {
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return undefined; // not Linux: one pid namespace per host
  }
}
