import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileVectorStore } from "./file-vector-store.js";
import { StoreChild } from "./store-child.test-helpers.js";

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "kill-nine-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("FileVectorStore under kill -9", () => {
  it("keeps every acknowledged memory with its ADD history, and no memory without history", async () => {
    const acknowledged = new Set<string>();
    for (let round = 0; round < 3; round++) {
      // Each round appends after the previous round's kill, so the next writer meets its torn tail.
      const child = await StoreChild.start(directory);
      child.send({
        op: "add-forever",
        prefix: `round${round}`,
        loops: 4,
        batch: round === 0 ? 1 : 100,
        user: "u",
      });
      const messages = [await child.next((message) => "acknowledged" in message)];
      await sleep(20 + Math.random() * 250);
      await child.killHard();
      for (const message of [...messages, ...child.messages]) {
        for (const id of (message["acknowledged"] as string[] | undefined) ?? []) acknowledged.add(id);
      }

      const store = new FileVectorStore({ directory });
      const stored = new Set((await store.list()).entries.map((entry) => entry.id));
      const lost = [...acknowledged].filter((id) => !stored.has(id));
      expect(lost, `round ${round}: acknowledged but missing`).toEqual([]);
      for (const id of stored) {
        const history = await store.history(id);
        expect(
          history.map((entry) => [entry.id, entry.event]),
          `history of ${id}`,
        ).toEqual([[`h-${id}`, "ADD"]]);
      }
      await store.close();
    }
    expect(acknowledged.size).toBeGreaterThan(3);
  }, 60_000);
});
