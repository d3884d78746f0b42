import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileHistoryStore } from "./file-history-store.js";
import { type HistoryStore, InMemoryHistoryStore } from "./history.js";
import type { MemoryHistoryEntry } from "./memory-types.js";

let directory: string;

beforeAll(async () => {
  directory = await fs.mkdtemp(join(tmpdir(), "history-"));
});

afterAll(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

function entry(id: string, memoryId: string, event: MemoryHistoryEntry["event"]): MemoryHistoryEntry {
  return {
    id,
    memoryId,
    previousValue: event === "ADD" ? null : "old",
    newValue: "new",
    event,
    createdAt: "2026-01-01T00:00:00.000Z",
  };
}

describe.each([
  ["InMemoryHistoryStore", () => new InMemoryHistoryStore()],
  ["FileHistoryStore", () => new FileHistoryStore({ file: join(directory, `${Math.random()}.json`) })],
] as [string, () => HistoryStore][])("%s", (_name, create) => {
  it("lists one memory's entries oldest first, as copies, and forgets everything on reset", async () => {
    const history = create();
    await history.append([entry("h1", "m1", "ADD"), entry("h2", "m2", "ADD")]);
    await history.append([entry("h3", "m1", "UPDATE")]);
    const list = await history.list("m1");
    expect(list.map((item) => item.id)).toEqual(["h1", "h3"]);
    list[0]!.newValue = "changed";
    expect((await history.list("m1"))[0]?.newValue).toBe("new");
    expect(await history.list("unknown")).toEqual([]);
    await history.reset();
    expect(await history.list("m1")).toEqual([]);
  });
});

describe("FileHistoryStore", () => {
  it("persists entries across instances, with concurrent appends all kept", async () => {
    const file = join(directory, "persist.json");
    const history = new FileHistoryStore({ file });
    await Promise.all(
      Array.from({ length: 10 }, (_, index) => history.append([entry(`h${index}`, "m", "ADD")])),
    );
    expect((await new FileHistoryStore({ file }).list("m")).map((item) => item.id)).toEqual(
      Array.from({ length: 10 }, (_, index) => `h${index}`),
    );
  });

  it("refuses a file of another version, naming it, without overwriting it", async () => {
    const file = join(directory, "version.json");
    const content = '{"format":"bedrock-embeddings/memory-history","version":9,"entries":[]}';
    await fs.writeFile(file, content);
    const history = new FileHistoryStore({ file });
    await expect(history.append([entry("h", "m", "ADD")])).rejects.toThrow(
      `${file}: the store file is corrupted`,
    );
    await expect(history.list("m")).rejects.toThrow(/format version 9 is not supported/);
    expect(await fs.readFile(file, "utf8")).toBe(content);
  });
});
