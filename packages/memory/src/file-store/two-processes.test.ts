import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileVectorStore } from "./file-vector-store.js";
import { StoreChild } from "./store-child.test-helpers.js";

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "two-processes-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("FileVectorStore in two processes", () => {
  it("keeps the writes of both, and each sees the other's", async () => {
    const [first, second] = await Promise.all([StoreChild.start(directory), StoreChild.start(directory)]);
    first.send({ op: "add-many", prefix: "first", count: 200, loops: 4, user: "one" });
    second.send({ op: "add-many", prefix: "second", count: 200, loops: 4, user: "two" });
    await Promise.all([
      first.next((message) => message["added"] === 200),
      second.next((message) => message["added"] === 200),
    ]);

    const seen = await Promise.all(
      [first, second].map((child) =>
        child.ask(
          { op: "wait-for-count", count: 400, timeoutMilliseconds: 10_000 },
          (message) => "count" in message,
        ),
      ),
    );
    expect(seen.map((message) => message["count"])).toEqual([400, 400]);
    await Promise.all([first.close(), second.close()]);

    const store = new FileVectorStore({ directory });
    const ids = (await store.list()).entries.map((entry) => entry.id);
    expect(ids).toHaveLength(400);
    expect(new Set(ids).size).toBe(400);
    expect(ids.filter((id) => id.startsWith("first-"))).toHaveLength(200);
    for (const id of ids) expect((await store.history(id)).map((entry) => entry.event)).toEqual(["ADD"]);
    await store.close();
  }, 60_000);
});
