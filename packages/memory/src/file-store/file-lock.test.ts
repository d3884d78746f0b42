import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ConfigurationError } from "@bedrock-embeddings/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileLock, removeDeadLock } from "./file-lock.js";
import { FileVectorStore } from "./file-vector-store.js";
import { currentOwner } from "./lock-owner.js";

let directory: string;
let lockPath: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "file-lock-"));
  lockPath = join(directory, "memories.log.lock");
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

// The pid of a process that ran and exited: a holder that died (as after kill -9).
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

const lock = (timeoutMilliseconds: number) =>
  new FileLock(lockPath, { timeoutMilliseconds, description: "the test store" });

describe("FileLock", () => {
  it("takes over at once a lock left by a process that died, without waiting for any timeout", async () => {
    await writeFile(lockPath, JSON.stringify({ ...currentOwner(), pid: await deadPid() }));
    const store = new FileVectorStore({ directory, lockTimeoutMilliseconds: 0 });
    await store.initialize({ dimension: 2, modelId: "m" });
    await store.insert([{ id: "a", vector: [1, 0], payload: {} }]);
    await expect(stat(lockPath)).rejects.toThrow(/ENOENT/);
    await store.close();
  });

  it("takes over a lock from before a reboot", async () => {
    await writeFile(
      lockPath,
      JSON.stringify({ ...currentOwner(), pid: process.pid, bootId: "an-earlier-boot" }),
    );
    const taker = lock(0);
    await taker.acquire();
    expect(JSON.parse(await readFile(lockPath, "utf8")).bootId).toBe(currentOwner().bootId);
    await taker.release();
  });

  it("removes a lock file that never got its owner written, once it is old", async () => {
    await writeFile(lockPath, "");
    const minuteAgo = new Date(Date.now() - 60_000);
    await utimes(lockPath, minuteAgo, minuteAgo);
    const taker = lock(0);
    await taker.acquire();
    await taker.release();
  });

  it("waits for a live holder and goes on once it releases", async () => {
    const holder = lock(5_000);
    const waiter = lock(5_000);
    await holder.acquire();
    let acquired = false;
    const waiting = waiter.acquire().then(() => {
      acquired = true;
    });
    await sleep(100);
    expect(acquired).toBe(false);
    await holder.release();
    await waiting;
    expect(acquired).toBe(true);
    await waiter.release();
  });

  it("gives up on a lock held on another machine with a ConfigurationError that says what to do", async () => {
    const foreign = { pid: 12345, host: "another-machine", since: "2026-12-07T12:00:00.000Z" };
    await writeFile(lockPath, JSON.stringify(foreign));
    const failure = lock(50).acquire();
    await expect(failure).rejects.toThrowError(ConfigurationError);
    await expect(failure).rejects.toThrow(
      /process 12345 on host "another-machine".*delete .*memories\.log\.lock/,
    );
    expect(JSON.parse(await readFile(lockPath, "utf8"))).toEqual(foreign);
  });

  it("lets one of many waiters at a time take over a dead lock and hold it", async () => {
    await writeFile(lockPath, JSON.stringify({ ...currentOwner(), pid: await deadPid() }));
    let holders = 0;
    let mostHolders = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        const waiter = lock(10_000);
        await waiter.acquire();
        holders++;
        mostHolders = Math.max(mostHolders, holders);
        await sleep(2);
        holders--;
        await waiter.release();
      }),
    );
    expect(mostHolders).toBe(1);
  });

  it("never removes a fresh lock taken after the dead one was seen", async () => {
    const deadText = JSON.stringify({ ...currentOwner(), pid: await deadPid() });
    const holder = lock(0);
    await holder.acquire();
    const fresh = await readFile(lockPath, "utf8");
    await removeDeadLock(lockPath, deadText, JSON.stringify(currentOwner()));
    expect(await readFile(lockPath, "utf8")).toBe(fresh);
    await writeFile(lockPath, deadText);
    await removeDeadLock(lockPath, deadText, JSON.stringify(currentOwner()));
    await expect(stat(lockPath)).rejects.toThrow(/ENOENT/);
    await expect(stat(`${lockPath}.takeover`)).rejects.toThrow(/ENOENT/);
  });
});
