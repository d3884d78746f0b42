import { ConfigurationError, InputError, VectorError } from "@bedrock-embeddings/core";
import { afterEach, describe, expect, it } from "vitest";
import { matchesFilter } from "../filter/matches-filter.js";
import { parseFilter } from "../filter/parse-filter.js";
import type { JsonObject } from "../json-value.js";
import type { MemoryHistoryEntry } from "../memory-types.js";
import type { VectorStore, VectorStoreEntry, VectorStoreRecord } from "../vector-store.js";
import { FILTER_CASES, FILTER_RECORDS } from "./filter-cases.js";

/**
 * How the contract suite gets stores of the backend under test.
 *
 * @example
 * const options: VectorStoreContractOptions = { open: async () => new InMemoryVectorStore() };
 */
export interface VectorStoreContractOptions {
  /** A new store on new, empty storage. */
  open(): Promise<VectorStore>;
  /**
   * Another instance on the same storage as `store` (another process would see this). Omit it for
   * stores that keep nothing beyond the instance; the reopen and two-writer tests then do not run.
   */
  openSameStorage?(store: VectorStore): Promise<VectorStore>;
}

/**
 * Registers the `VectorStore` contract tests (vitest) for one backend: binding refusal, vector
 * checks, insert/upsert/update/delete, history written with each change, float32 vectors, cosine
 * ranking with ties in insertion order, every mem0 filter operator against the reference
 * semantics, pagination, copies, reset, concurrent writers and reopening. Scores equal to 1e-9 count
 * as ties (float rounding must not reorder vectors of one direction). Backends in this package share
 * their input checks (`record-checks.ts`) and, where records are numbered, `sequence-cursor.ts`.
 *
 * @example
 * // my-store.contract.test.ts
 * import { describeVectorStoreContract } from "@bedrock-embeddings/memory/testing";
 * describeVectorStoreContract("MyStore", { open: async () => new MyStore(await freshDatabase()) });
 */
export function describeVectorStoreContract(name: string, options: VectorStoreContractOptions): void {
  describe(`${name} (VectorStore contract)`, () => {
    const opened: VectorStore[] = [];
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });
    const track = (store: VectorStore) => {
      opened.push(store);
      return store;
    };
    const open = async () => track(await options.open());
    const bound = async (dimension = 2): Promise<VectorStore> => {
      const store = await open();
      await store.initialize({ dimension, modelId: "model-a" });
      return store;
    };
    const ids = (entries: readonly { id: string }[]) => entries.map((entry) => entry.id);
    const listIds = async (store: VectorStore) => ids((await store.list()).entries);

    it("records its binding, accepts the same one again and refuses another, changing nothing", async () => {
      const store = await bound();
      expect([store.dimension, store.modelId]).toEqual([2, "model-a"]);
      await store.initialize({ dimension: 2, modelId: "model-a" });
      await expect(store.initialize({ dimension: 3, modelId: "model-a" })).rejects.toThrowError(
        ConfigurationError,
      );
      await expect(store.initialize({ dimension: 2, modelId: "model-b" })).rejects.toThrow(
        /"model-a".*"model-b"/,
      );
      expect([store.dimension, store.modelId]).toEqual([2, "model-a"]);
    });

    it("refuses writes before initialize", async () => {
      const store = await open();
      await expect(store.insert([record("a", [1, 0])])).rejects.toThrowError(ConfigurationError);
    });

    it("refuses vectors of another length, non-finite and zero vectors, writing nothing", async () => {
      const store = await bound();
      const wrong = store.insert([record("ok", [1, 0]), record("bad", [1, 0, 0])]);
      await expect(wrong).rejects.toThrowError(VectorError);
      await expect(wrong).rejects.toThrow(/3 dimensions/);
      await expect(store.insert([record("nan", [Number.NaN, 1])])).rejects.toThrowError(VectorError);
      await expect(store.insert([record("zero", [0, 0])])).rejects.toThrowError(VectorError);
      await expect(store.search([1, 0, 0], { limit: 1 })).rejects.toThrowError(VectorError);
      expect(await listIds(store)).toEqual([]);
    });

    it("refuses an existing or repeated id on insert (all or none), replaces on upsert and update", async () => {
      const store = await bound();
      await store.insert([record("a", [1, 0], { n: 1 })]);
      await expect(store.insert([record("new", [1, 0]), record("a", [1, 0])])).rejects.toThrowError(
        InputError,
      );
      await expect(store.insert([record("b", [1, 0]), record("b", [0, 1])])).rejects.toThrowError(InputError);
      expect(await listIds(store)).toEqual(["a"]);
      await store.upsert([record("c", [1, 1], { n: 3 }), record("a", [0, 1], { n: 2 })]);
      expect(await store.get("a")).toEqual(record("a", [0, 1], { n: 2 }));
      expect(await store.update(record("a", [1, 0], { n: 4 }))).toEqual({ id: "a", payload: { n: 2 } });
      expect(await store.update(record("missing", [1, 0]))).toBeNull();
      expect(await store.get("missing")).toBeNull();
      expect(await listIds(store)).toEqual(["a", "c"]);
    });

    it("keeps vectors as float32", async () => {
      const store = await bound(3);
      const vector = [0.1, 1 / 3, -2e-12];
      await store.insert([record("a", vector)]);
      expect((await store.get("a"))?.vector).toEqual(vector.map((value) => Math.fround(value)));
    });

    it("ranks by cosine similarity, keeps insertion order for ties, limits", async () => {
      const store = await bound();
      await store.insert([
        record("far", [0, 1], { user_id: "u" }),
        record("tie1", [1, 1], { user_id: "u" }),
        record("best", [2, 0], { user_id: "u" }),
        record("tie2", [3, 3], { user_id: "u" }),
        record("other", [1, 0], { user_id: "v" }),
      ]);
      const scope = parseFilter({ user_id: "u" });
      const hits = await store.search([1, 0], { filter: scope, limit: 10 });
      expect(ids(hits)).toEqual(["best", "tie1", "tie2", "far"]);
      expect(hits[0]?.score).toBeCloseTo(1, 6);
      expect(hits[1]?.score).toBeCloseTo(Math.SQRT1_2, 6);
      expect(hits[3]?.score).toBeCloseTo(0, 6);
      expect(hits[0]?.payload).toEqual({ user_id: "u" });
      expect(ids(await store.search([1, 0], { filter: scope, limit: 2 }))).toEqual(["best", "tie1"]);
      expect(ids(await store.search([1, 0], { limit: 1 }))).toEqual(["best"]);
    });

    it("evaluates every filter operator exactly as the reference semantics", async () => {
      const store = await bound(3);
      await store.insert(FILTER_RECORDS);
      for (const [label, written] of FILTER_CASES) {
        const filter = parseFilter(written);
        const expected = FILTER_RECORDS.filter((item) => matchesFilter(item.payload, filter)).map(
          (item) => item.id,
        );
        const listed = ids((await store.list({ filter })).entries);
        expect(listed, `list with ${label}`).toEqual(expected);
        const found = ids(await store.search([1, 0, 0], { filter, limit: 100 }));
        expect([...found].sort(), `search with ${label}`).toEqual([...expected].sort());
      }
    });

    it("pages through list in insertion order; an update keeps its place", async () => {
      const store = await bound();
      const records = Array.from({ length: 25 }, (_, index) =>
        record(`r${String(index).padStart(2, "0")}`, [1, index + 1], { user_id: index % 2 ? "odd" : "even" }),
      );
      await store.insert(records.slice(0, 10));
      await store.insert(records.slice(10));
      await store.update(record("r03", [1, 0], { user_id: "odd", changed: true }));
      const seen: string[] = [];
      let cursor: string | undefined;
      const sizes: number[] = [];
      do {
        const page = await store.list({ limit: 10, cursor });
        sizes.push(page.entries.length);
        seen.push(...ids(page.entries));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(sizes).toEqual([10, 10, 5]);
      expect(seen).toEqual(ids(records));
      const firstOdd = await store.list({ filter: parseFilter({ user_id: "odd" }), limit: 12 });
      expect(firstOdd.entries).toHaveLength(12);
      expect(firstOdd.nextCursor).toBeUndefined();
      const exact = await store.list({ limit: 25 });
      expect(exact.nextCursor).toBeUndefined();
      await expect(store.list({ limit: 0 })).rejects.toThrowError(InputError);
    });

    it("deletes one or by filter, returning what it removed", async () => {
      const store = await bound();
      await store.insert([
        record("a", [1, 0], { user_id: "u" }),
        record("b", [0, 1], { user_id: "u" }),
        record("c", [1, 1], { user_id: "v" }),
      ]);
      expect(await store.delete("a")).toEqual({ id: "a", payload: { user_id: "u" } });
      expect(await store.delete("a")).toBeNull();
      expect(await store.deleteWhere(parseFilter({ user_id: "u" }))).toEqual([
        { id: "b", payload: { user_id: "u" } },
      ]);
      expect(await listIds(store)).toEqual(["c"]);
    });

    it("writes history in the same step as each change, and none for a change that fails", async () => {
      const store = await bound();
      await store.insert(
        [record("a", [1, 0], { data: "one" })],
        [historyEntry("h1", "a", "ADD", null, "one")],
      );
      const seenPrevious: VectorStoreEntry[] = [];
      await store.update(record("a", [0, 1], { data: "two" }), {
        history: (previous) => {
          seenPrevious.push(previous);
          return [historyEntry("h2", "a", "UPDATE", String(previous.payload["data"]), "two")];
        },
      });
      expect(seenPrevious).toEqual([{ id: "a", payload: { data: "one" } }]);
      await expect(
        store.insert([record("a", [1, 0])], [historyEntry("h-failed", "a", "ADD", null, "x")]),
      ).rejects.toThrowError(InputError);
      expect(
        await store.update(record("missing", [1, 0]), {
          history: () => [historyEntry("h-missing", "missing", "UPDATE", "x", "y")],
        }),
      ).toBeNull();
      await store.insert(
        [record("b", [1, 1], { data: "bee", user_id: "u" })],
        [historyEntry("h3", "b", "ADD", null, "bee")],
      );
      await store.delete("a", {
        history: (previous) => [historyEntry("h4", "a", "DELETE", String(previous.payload["data"]), null)],
      });
      await store.deleteWhere(parseFilter({ user_id: "u" }), {
        history: (removed) =>
          removed.map((entry) => historyEntry(`h5-${entry.id}`, entry.id, "DELETE", "bee", null)),
      });
      expect(
        (await store.history("a")).map((entry) => [
          entry.id,
          entry.event,
          entry.previousValue,
          entry.newValue,
        ]),
      ).toEqual([
        ["h1", "ADD", null, "one"],
        ["h2", "UPDATE", "one", "two"],
        ["h4", "DELETE", "two", null],
      ]);
      expect(ids(await store.history("b"))).toEqual(["h3", "h5-b"]);
      expect(await store.history("missing")).toEqual([]);
    });

    it("returns copies, so callers cannot change what is stored", async () => {
      const store = await bound();
      const payload = { tags: ["a"] };
      const vector = [1, 0];
      await store.insert([{ id: "a", vector, payload }]);
      payload.tags.push("b");
      vector[0] = 0;
      const read = await store.get("a");
      read!.payload["tags"] = [];
      read!.vector[1] = 5;
      expect(await store.get("a")).toEqual(record("a", [1, 0], { tags: ["a"] }));
    });

    it("reset forgets records, history and the binding", async () => {
      const store = await bound();
      await store.insert([record("a", [1, 0])], [historyEntry("h1", "a", "ADD", null, "x")]);
      await store.reset();
      expect(store.dimension).toBeUndefined();
      await store.initialize({ dimension: 3, modelId: "model-b" });
      expect(await listIds(store)).toEqual([]);
      expect(await store.history("a")).toEqual([]);
      await store.insert([record("b", [1, 0, 0])]);
      expect(await listIds(store)).toEqual(["b"]);
    });

    it("keeps every one of many concurrent writes", async () => {
      const store = await bound();
      const writes = Array.from({ length: 40 }, (_, index) =>
        store.insert(
          [record(`c${index}`, [1, index + 1], { user_id: "u" })],
          [historyEntry(`hc${index}`, `c${index}`, "ADD", null, `text ${index}`)],
        ),
      );
      // Attached at once: a store doing real I/O must not see an unhandled rejection while the others run.
      const failing = expect(store.insert([record("c-bad", [1])])).rejects.toThrowError(VectorError);
      await Promise.all(writes);
      await failing;
      await Promise.all([
        store.delete("c0"),
        store.update(record("c1", [0, 1], { user_id: "u", updated: true })),
        store.upsert([record("c2", [1, 1], { user_id: "u", upserted: true })]),
      ]);
      const listed = await store.list({ filter: parseFilter({ user_id: "u" }) });
      expect(listed.entries).toHaveLength(39);
      expect((await store.get("c1"))?.payload).toEqual({ user_id: "u", updated: true });
      expect(await store.history("c39")).toHaveLength(1);
    });

    it("closes twice without error", async () => {
      const store = await options.open();
      await store.initialize({ dimension: 2, modelId: "model-a" });
      await store.close();
      await store.close();
    });

    if (options.openSameStorage) {
      const openSameStorage = options.openSameStorage;

      it("reopens with the same records, binding, history and order", async () => {
        const store = await bound(3);
        await store.insert(FILTER_RECORDS, [historyEntry("h1", FILTER_RECORDS[0]!.id, "ADD", null, "x")]);
        await store.delete(FILTER_RECORDS[1]!.id);
        await store.close();
        opened.splice(opened.indexOf(store), 1);
        const again = track(await openSameStorage(store));
        await again.initialize({ dimension: 3, modelId: "model-a" });
        expect([again.dimension, again.modelId]).toEqual([3, "model-a"]);
        expect(await listIds(again)).toEqual(
          ids(FILTER_RECORDS).filter((id) => id !== FILTER_RECORDS[1]!.id),
        );
        expect(await again.get(FILTER_RECORDS[0]!.id)).toEqual(FILTER_RECORDS[0]);
        expect(ids(await again.history(FILTER_RECORDS[0]!.id))).toEqual(["h1"]);
        await expect(again.initialize({ dimension: 3, modelId: "model-b" })).rejects.toThrowError(
          ConfigurationError,
        );
      });

      it("two instances on the same storage both work and see each other's writes", async () => {
        const first = await bound();
        const second = track(await openSameStorage(first));
        await second.initialize({ dimension: 2, modelId: "model-a" });
        await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            (index % 2 ? first : second).insert([record(`w${index}`, [1, index + 1], { user_id: "u" })]),
          ),
        );
        for (const store of [first, second]) {
          expect((await listIds(store)).sort()).toEqual(
            Array.from({ length: 20 }, (_, index) => `w${index}`).sort(),
          );
        }
        await first.delete("w0");
        expect(await second.get("w0")).toBeNull();
        await expect(second.insert([record("w1", [1, 0])])).rejects.toThrowError(InputError);
      });
    }
  });
}

function record(id: string, vector: number[], payload: JsonObject = {}): VectorStoreRecord {
  return { id, vector: vector.map((value) => Math.fround(value)), payload };
}

function historyEntry(
  id: string,
  memoryId: string,
  event: MemoryHistoryEntry["event"],
  previousValue: string | null,
  newValue: string | null,
): MemoryHistoryEntry {
  return { id, memoryId, event, previousValue, newValue, createdAt: "2026-12-07T12:00:00.000Z" };
}
