import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { describeVectorStoreContract } from "../testing/vector-store-contract.js";
import type { VectorStore } from "../vector-store.js";
import { FileVectorStore } from "./file-vector-store.js";

const directories: string[] = [];
const directoryOf = new WeakMap<VectorStore, string>();

afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

describeVectorStoreContract("FileVectorStore", {
  open: async () => {
    const directory = await mkdtemp(join(tmpdir(), "file-store-contract-"));
    directories.push(directory);
    const store = new FileVectorStore({ directory });
    directoryOf.set(store, directory);
    return store;
  },
  openSameStorage: async (store) => {
    const again = new FileVectorStore({ directory: directoryOf.get(store)! });
    directoryOf.set(again, directoryOf.get(store)!);
    return again;
  },
});
