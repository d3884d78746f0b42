import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError, FakeEmbedder } from "@bedrock-embeddings/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeStaleTempFiles, type StoreFileSystem, writeFileAtomic } from "./atomic-write.js";
import { FileVectorStore } from "./file-vector-store.js";
import { Memory } from "./memory.js";

let directory: string;

beforeEach(async () => {
  directory = await fs.mkdtemp(join(tmpdir(), "atomic-write-"));
});

afterEach(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

/** Real fs, recording every call, with a switch to make one operation fail. */
function instrumentedFs() {
  const calls: string[] = [];
  const failing = { rename: false, write: false };
  const fileSystem: StoreFileSystem = {
    ...fs,
    rename: async (from, to) => {
      calls.push(`rename ${String(from)}`);
      if (failing.rename)
        throw Object.assign(new Error("EACCES: permission denied, rename"), { code: "EACCES" });
      return fs.rename(from, to);
    },
    open: (async (path: string, flags?: string, mode?: number) => {
      const handle = await fs.open(path, flags, mode);
      calls.push(`open ${flags} ${String(path)}`);
      if (!failing.write) {
        const sync = handle.sync.bind(handle);
        handle.sync = async () => {
          calls.push(`sync ${String(path)}`);
          return sync();
        };
        return handle;
      }
      // Disk full half-way: part of the data reaches the file, then the write fails.
      handle.writeFile = async (data) => {
        await fs.appendFile(path, String(data).slice(0, 10));
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      };
      return handle;
    }) as StoreFileSystem["open"],
  };
  return { fileSystem, calls, failing };
}

describe("writeFileAtomic", () => {
  it("writes through a temp file in the same directory, fsyncs it, renames it, fsyncs the directory", async () => {
    const { fileSystem, calls } = instrumentedFs();
    const file = join(directory, "data.json");
    await writeFileAtomic(file, '{"a":1}', fileSystem);
    expect(await fs.readFile(file, "utf8")).toBe('{"a":1}');
    expect(await fs.readdir(directory)).toEqual(["data.json"]);
    const temp = calls[0]!.slice("open wx ".length);
    expect(temp.startsWith(join(directory, ".data.json."))).toBe(true);
    expect(calls).toEqual([
      `open wx ${temp}`,
      `sync ${temp}`,
      `rename ${temp}`,
      `open r ${directory}`,
      `sync ${directory}`,
    ]);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it.each([
    ["the rename fails", "rename", /EACCES/],
    ["the write fails half-way", "write", /ENOSPC/],
  ] as const)(
    "when %s, keeps the previous file intact and removes the temp file",
    async (_label, fault, message) => {
      const { fileSystem, failing } = instrumentedFs();
      const file = join(directory, "data.json");
      await writeFileAtomic(file, "previous", fileSystem);
      failing[fault] = true;
      await expect(writeFileAtomic(file, "next content that is longer", fileSystem)).rejects.toThrow(message);
      expect(await fs.readFile(file, "utf8")).toBe("previous");
      expect(await fs.readdir(directory)).toEqual(["data.json"]);
    },
  );

  it("removes temp files an interrupted write left behind, and nothing else", async () => {
    const file = join(directory, "data.json");
    await fs.writeFile(join(directory, ".data.json.123.abc.tmp"), "half");
    await fs.writeFile(join(directory, ".other.json.1.a.tmp"), "not ours");
    await fs.writeFile(file, "kept");
    await removeStaleTempFiles(file);
    expect((await fs.readdir(directory)).sort()).toEqual([".other.json.1.a.tmp", "data.json"]);
  });
});

describe("a failing write through Memory", () => {
  it.each([
    ["rename", /EACCES/],
    ["write", /ENOSPC/],
  ] as const)(
    "(%s) rejects the add, keeps the file and the visible state as before, and recovers",
    async (fault, cause) => {
      const { fileSystem, failing } = instrumentedFs();
      const file = join(directory, "memories.json");
      const embedder = new FakeEmbedder({ dimension: 8 });
      const memory = new Memory({
        embedder,
        dataDirectory: directory,
        vectorStore: new FileVectorStore({ file, fileSystem }),
      });
      await memory.add("kept", { userId: "u" });
      const before = await fs.readFile(file, "utf8");

      failing[fault] = true;
      const error = await memory.add("lost", { userId: "u" }).catch((caught: unknown) => caught);
      expect(ConfigurationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(`${file}: cannot save the store file`);
      expect((error as Error).message).toMatch(/previous version is intact/);
      expect(String((error as Error).cause)).toMatch(cause);
      expect(await fs.readFile(file, "utf8")).toBe(before);
      expect((await fs.readdir(directory)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
      const visible = await memory.getAll({ filters: { user_id: "u" } });
      expect(visible.results.map((item) => item.memory)).toEqual(["kept"]);

      failing[fault] = false;
      await memory.add("after", { userId: "u" });
      const restarted = new Memory({ embedder, dataDirectory: directory });
      const all = await restarted.getAll({ filters: { user_id: "u" } });
      expect(all.results.map((item) => item.memory)).toEqual(["kept", "after"]);
    },
  );

  it("reports a data directory that cannot be used with a clear error naming the file", async () => {
    const blocker = join(directory, "not-a-directory");
    await fs.writeFile(blocker, "");
    const memory = new Memory({
      embedder: new FakeEmbedder({ dimension: 8 }),
      dataDirectory: join(blocker, "data"),
    });
    const attempt = memory.add("x", { userId: "u" });
    await expect(attempt).rejects.toThrowError(ConfigurationError);
    await expect(attempt).rejects.toThrow(
      `${join(blocker, "data", "memories.json")}: cannot read the store file: ENOTDIR`,
    );
    await expect(attempt).rejects.toHaveProperty("cause.code", "ENOTDIR");
  });
});
