import { appendFile, mkdtemp, open, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError, StorageError } from "@bedrock-embeddings/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { VectorStoreRecord } from "../vector-store.js";
import { FileVectorStore } from "./file-vector-store.js";
import { encodeRecord, FRAME_PREFIX_BYTES, LOG_FILE_HEADER } from "./log-frame.js";
import { readRecords } from "./log-reader.js";

let directory: string;
let file: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "log-recovery-"));
  file = join(directory, "memories.log");
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const record = (id: string): VectorStoreRecord => ({ id, vector: [1, id.length], payload: { data: id } });
const history = (id: string) => [
  {
    id: `h-${id}`,
    memoryId: id,
    previousValue: null,
    newValue: id,
    event: "ADD" as const,
    createdAt: "2026-12-07",
  },
];

// A log with a bind record and one record per id, closed.
async function writeLog(ids: string[]): Promise<void> {
  const store = new FileVectorStore({ directory });
  await store.initialize({ dimension: 2, modelId: "m" });
  for (const id of ids) await store.insert([record(id)], history(id));
  await store.close();
}

async function ids(store: FileVectorStore): Promise<string[]> {
  return (await store.list()).entries.map((entry) => entry.id);
}

// The file offset and length of every record.
async function recordOffsets(): Promise<{ offset: number; length: number }[]> {
  const handle = await open(file, "r");
  const offsets: { offset: number; length: number }[] = [];
  await readRecords(handle, LOG_FILE_HEADER.length, (_buffer, _at, bodyLength, offset) => {
    offsets.push({ offset, length: FRAME_PREFIX_BYTES + bodyLength });
  });
  await handle.close();
  return offsets;
}

// A record as another writer would have appended it: a put of `id` with its history.
function frameOf(id: string): Buffer {
  return encodeRecord({ kind: "put", mode: "insert", records: [{ id, payload: {} }] }, history(id), [
    new Float32Array([1, 0]),
  ]).bytes;
}

async function flipByte(offset: number): Promise<void> {
  const handle = await open(file, "r+");
  const byte = Buffer.alloc(1);
  await handle.read(byte, 0, 1, offset);
  byte[0] = byte[0]! ^ 0xff;
  await handle.write(byte, 0, 1, offset);
  await handle.close();
}

describe("FileVectorStore recovery", () => {
  it("ignores a torn last record, leaves it to the next writer, which cuts it off", async () => {
    await writeLog(["a", "b", "c"]);
    const intact = (await stat(file)).size;
    // Longer than the record written next, so that only cutting it off leaves the file clean.
    const torn = frameOf("torn".repeat(500));
    await appendFile(file, torn.subarray(0, torn.length - 5));

    const reader = new FileVectorStore({ directory });
    const other = new FileVectorStore({ directory });
    expect(await ids(reader)).toEqual(["a", "b", "c"]);
    expect(await ids(other)).toEqual(["a", "b", "c"]);
    expect((await reader.history("c")).map((entry) => entry.event)).toEqual(["ADD"]);
    expect((await stat(file)).size).toBe(intact + torn.length - 5);

    await reader.insert([record("d")], history("d"));
    expect(await ids(other)).toEqual(["a", "b", "c", "d"]);
    await other.close();
    const offsets = await recordOffsets();
    expect(offsets.at(-1)!.offset).toBe(intact);
    expect((await stat(file)).size).toBe(intact + offsets.at(-1)!.length);
    await reader.close();

    const reopened = new FileVectorStore({ directory });
    expect(await ids(reopened)).toEqual(["a", "b", "c", "d"]);
    expect(await reopened.get("torn")).toBeNull();
    await reopened.close();
  });

  it("ignores a last record whose checksum fails (a torn write of a whole length)", async () => {
    await writeLog(["a", "b"]);
    const intact = (await stat(file)).size;
    await appendFile(file, frameOf("bad"));
    await flipByte(intact + 40);

    const store = new FileVectorStore({ directory });
    expect(await ids(store)).toEqual(["a", "b"]);
    await store.insert([record("c")], history("c"));
    await store.close();
    const reopened = new FileVectorStore({ directory });
    expect(await ids(reopened)).toEqual(["a", "b", "c"]);
    await reopened.close();
  });

  it("treats a log cut inside its header as empty, and writes it anew", async () => {
    await writeFile(file, LOG_FILE_HEADER.subarray(0, 10));
    const store = new FileVectorStore({ directory });
    expect(await ids(store)).toEqual([]);
    await store.initialize({ dimension: 2, modelId: "m" });
    await store.insert([record("a")], history("a"));
    await store.close();
    const reopened = new FileVectorStore({ directory });
    expect(await ids(reopened)).toEqual(["a"]);
    expect((await readFile(file)).subarray(0, LOG_FILE_HEADER.length)).toEqual(LOG_FILE_HEADER);
    await reopened.close();
  });

  it("reports a damaged record followed by valid ones, naming the file and offset, and never rewrites the file", async () => {
    await writeLog(["a", "b", "c"]);
    const damaged = (await recordOffsets())[2]!;
    await flipByte(damaged.offset + 30);
    const before = await readFile(file);

    const store = new FileVectorStore({ directory });
    const failure = store.list();
    // Damaged data is a failed operation (CLI exit 1), not a configuration problem (exit 2).
    await expect(failure).rejects.toSatisfy(StorageError.isInstance);
    await expect(failure).rejects.not.toSatisfy(ConfigurationError.isInstance);
    await expect(failure).rejects.toThrow(`${file}: the memory log is damaged at byte ${damaged.offset}`);
    await expect(store.insert([record("d")], history("d"))).rejects.toThrow(`byte ${damaged.offset}`);
    await expect(store.compact()).rejects.toSatisfy(StorageError.isInstance);
    expect(await readFile(file)).toEqual(before);
    await store.close();
  });

  it("reports a record that passes its checksum but cannot follow the ones before it", async () => {
    await writeFile(file, Buffer.concat([LOG_FILE_HEADER, frameOf("before-any-binding")]));
    const store = new FileVectorStore({ directory });
    await expect(store.list()).rejects.toThrow(
      `the memory log is damaged at byte ${LOG_FILE_HEADER.length}: the record there cannot be used (it adds memories before any bind record)`,
    );
    await store.close();
  });

  it("refuses a file that is not a memory log and leaves it alone", async () => {
    await writeFile(file, '{"records": []}\n');
    const store = new FileVectorStore({ directory });
    await expect(store.list()).rejects.toThrow(/is not a bedrock-embeddings memory log/);
    await expect(store.initialize({ dimension: 2, modelId: "m" })).rejects.toThrowError(ConfigurationError);
    expect(await readFile(file, "utf8")).toBe('{"records": []}\n');
    await store.close();
  });

  it("says which version wrote a log of a newer format", async () => {
    await writeFile(file, "BEDROCK-EMBEDDINGS-MEMORY-LOG 2\n");
    const store = new FileVectorStore({ directory });
    await expect(store.list()).rejects.toThrow(/format "BEDROCK-EMBEDDINGS-MEMORY-LOG 2".*Upgrade/);
    await store.close();
  });
});
