import * as nodeFs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cacheKey } from "./cache-key.js";
import { type CacheFileSystem, FileVectorCache } from "./file-vector-cache.js";
import { decodeVector, encodeVector } from "./vector-file-codec.js";

const key = (name: string) => cacheKey("test", name);
// Values that a lossy format (float32, decimal text) would change.
const EXACT = [0.1, 1 / 3, -0, 5e-324, 1.7976931348623157e308, -2.220446049250313e-16];

let directory: string;
beforeEach(async () => {
  directory = await nodeFs.mkdtemp(join(tmpdir(), "vector-cache-"));
});
afterEach(async () => {
  await nodeFs.rm(directory, { recursive: true, force: true });
});

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await nodeFs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

describe("encodeVector / decodeVector", () => {
  it("round-trips exact float64 values, -0 included", () => {
    const decoded = decodeVector(encodeVector(EXACT))!;
    expect(decoded).toEqual(EXACT);
    expect(Object.is(decoded[2], -0)).toBe(true);
  });

  it("rejects short, zero-filled, foreign and altered bytes", () => {
    const bytes = encodeVector([0.5, 0.25]);
    expect(decodeVector(bytes.subarray(0, bytes.length - 1))).toBeUndefined();
    expect(decodeVector(Buffer.alloc(bytes.length))).toBeUndefined();
    expect(decodeVector(Buffer.from("[0.5,0.25]"))).toBeUndefined();
    const altered = Buffer.from(bytes);
    altered[10] = (altered[10] ?? 0) ^ 1;
    expect(decodeVector(altered)).toBeUndefined();
  });
});

describe("FileVectorCache", () => {
  it("persists across instances on the same directory, with exact values", async () => {
    await new FileVectorCache({ directory }).setMany([
      { key: key("a"), vector: EXACT },
      { key: key("b"), vector: [1, 2] },
    ]);
    const reopened = new FileVectorCache({ directory });
    expect(await reopened.getMany([key("b"), key("missing"), key("a")])).toEqual([[1, 2], undefined, EXACT]);
    expect(reopened.stats).toEqual({ hits: 2, misses: 1, writes: 0, unreadable: 0 });
  });

  it("fans entries out by the key's first two hex digits", async () => {
    const cache = new FileVectorCache({ directory });
    await cache.setMany([{ key: key("a"), vector: [1] }]);
    const stored = await nodeFs.readdir(join(directory, key("a").slice(0, 2)));
    expect(stored).toEqual([`${key("a")}.vec`]);
  });

  it("ignores what a crash mid-write left behind, and writes the entry again later", async () => {
    // The process "dies" after half the temporary file is written: no rename, no clean-up.
    const crashing: CacheFileSystem = {
      ...nodeFs,
      writeFile: async (path, data, options) => {
        await nodeFs.writeFile(path, (data as Buffer).subarray(0, 7), options);
        throw new Error("power cut");
      },
      unlink: async () => {
        throw new Error("process is gone");
      },
    };
    await new FileVectorCache({ directory }).setMany([{ key: key("kept"), vector: [0.5] }]);
    await expect(
      new FileVectorCache({ directory, fileSystem: crashing }).setMany([
        { key: key("lost"), vector: [0.25] },
      ]),
    ).rejects.toThrow(/cannot be written/);
    expect((await filesUnder(directory)).some((name) => name.endsWith(".tmp"))).toBe(true);

    const afterRestart = new FileVectorCache({ directory });
    expect(await afterRestart.getMany([key("kept"), key("lost")])).toEqual([[0.5], undefined]);
    expect(afterRestart.stats.unreadable).toBe(0);
    await afterRestart.setMany([{ key: key("lost"), vector: [0.25] }]);
    expect(await new FileVectorCache({ directory }).getMany([key("lost")])).toEqual([[0.25]]);
  });

  it("treats a damaged entry file as a miss and replaces it on the next write", async () => {
    const cache = new FileVectorCache({ directory });
    await cache.setMany([{ key: key("a"), vector: [0.5, 0.25] }]);
    const file = join(directory, key("a").slice(0, 2), `${key("a")}.vec`);
    const bytes = await nodeFs.readFile(file);
    await nodeFs.writeFile(file, bytes.subarray(0, bytes.length - 4));
    expect(await cache.getMany([key("a")])).toEqual([undefined]);
    expect(cache.stats.unreadable).toBe(1);
    await cache.setMany([{ key: key("a"), vector: [0.5, 0.25] }]);
    expect(await cache.getMany([key("a")])).toEqual([[0.5, 0.25]]);
  });

  it("keeps every entry whole when several setMany run at once on overlapping keys", async () => {
    const vectorOf = (index: number) =>
      Array.from({ length: 64 }, (_unused, position) => index + position / 64);
    const writers = [new FileVectorCache({ directory }), new FileVectorCache({ directory, concurrency: 3 })];
    await Promise.all(
      Array.from({ length: 8 }, (_unused, round) =>
        writers[round % 2]!.setMany(
          Array.from({ length: 30 }, (_unused2, offset) => {
            const index = (round * 10 + offset) % 50;
            return { key: key(String(index)), vector: vectorOf(index) };
          }),
        ),
      ),
    );
    const reader = new FileVectorCache({ directory });
    const indexes = Array.from({ length: 50 }, (_unused, index) => index);
    expect(await reader.getMany(indexes.map((index) => key(String(index))))).toEqual(indexes.map(vectorOf));
    expect(reader.stats.unreadable).toBe(0);
    expect((await filesUnder(directory)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("rejects keys that are not cache keys before touching the disk", async () => {
    const cache = new FileVectorCache({ directory });
    await expect(cache.getMany([key("a"), "../../etc/passwd"])).rejects.toMatchObject({
      code: "INPUT",
      index: 1,
    });
    await expect(cache.setMany([{ key: "A".repeat(64), vector: [1] }])).rejects.toMatchObject({
      code: "INPUT",
    });
    expect(await filesUnder(directory)).toEqual([]);
  });

  it("reports an unusable directory as a ConfigurationError with the cause", async () => {
    const blocker = join(directory, "a-file");
    await nodeFs.writeFile(blocker, "not a folder");
    const cache = new FileVectorCache({ directory: blocker });
    const failure = await cache.setMany([{ key: key("a"), vector: [1] }]).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "CONFIGURATION", path: "cache.directory" });
    expect((failure as Error).cause).toMatchObject({ code: expect.stringMatching(/ENOTDIR|EEXIST/) });
    await expect(cache.getMany([key("a")])).rejects.toMatchObject({ code: "CONFIGURATION" });
  });

  it("resolves a relative directory against the working directory", () => {
    expect(new FileVectorCache({ directory: "some/cache" }).directory).toBe(
      join(process.cwd(), "some/cache"),
    );
    expect(() => new FileVectorCache({ directory: " " })).toThrow(/directory is empty/);
  });
});
