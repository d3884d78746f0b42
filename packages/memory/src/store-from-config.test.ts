import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileVectorStore } from "./file-store/file-vector-store.js";
import { PgVectorStore } from "./pgvector/pg-vector-store.js";
import { openVectorStore } from "./store-from-config.js";

describe("openVectorStore", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "store-from-config-"));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("opens the file store in the configured directory and collection, and reopens it", async () => {
    const config = { provider: "file" as const, config: { path: directory, collection: "notes" } };
    const store = await openVectorStore(config);
    expect(store).toBeInstanceOf(FileVectorStore);
    await store.initialize({ dimension: 2, modelId: "model-a" });
    await store.insert([{ id: "m1", vector: [0.6, 0.8], payload: { data: "kept", user_id: "alice" } }]);
    await store.close();
    expect((await readdir(directory)).some((name) => name.startsWith("notes"))).toBe(true);

    const reopened = await openVectorStore(config);
    await reopened.initialize({ dimension: 2, modelId: "model-a" });
    expect((await reopened.get("m1"))?.payload).toEqual({ data: "kept", user_id: "alice" });
    await reopened.close();
  });

  it("opens pgvector with the connection string, and never shows its password", async () => {
    const store = await openVectorStore({
      provider: "pgvector",
      config: {
        connectionString: "postgresql://app:hunter2@127.0.0.1:1/app",
        table: "team_memories",
        maxConnections: 2,
      },
    });
    expect(store).toBeInstanceOf(PgVectorStore);
    const failure = await store.initialize({ dimension: 2, modelId: "model-a" }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await store.close();
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).not.toContain("hunter2");
  });
});
