import { describe, expect, it } from "vitest";
import { WriteQueue } from "./write-queue.js";

interface State {
  items: string[];
}

function harness(persist: (draft: State) => Promise<void> = async () => {}) {
  let committed: State = { items: [] };
  const saves: string[][] = [];
  const queue = new WriteQueue<State>({
    base: async () => committed,
    clone: (state) => ({ items: [...state.items] }),
    changed: (draft, base) => draft.items.length !== base.items.length,
    persist: async (draft) => {
      await persist(draft);
      saves.push([...draft.items]);
    },
    commit: (draft) => {
      committed = draft;
    },
  });
  return { queue, saves, committed: () => committed.items };
}

describe("WriteQueue", () => {
  it("applies changes in call order and saves the ones queued during a save together", async () => {
    const { queue, saves, committed } = harness();
    const results = await Promise.all(
      ["a", "b", "c", "d"].map((item) => queue.run((draft) => draft.items.push(item))),
    );
    expect(results).toEqual([1, 2, 3, 4]);
    expect(committed()).toEqual(["a", "b", "c", "d"]);
    expect(saves).toEqual([["a"], ["a", "b", "c", "d"]]);
  });

  it("resolves a change only after its save, and commits nothing when the save fails", async () => {
    let fail = false;
    let release: () => void = () => {};
    const { queue, committed } = harness(async () => {
      if (fail) throw new Error("disk full");
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    let done = false;
    const first = queue
      .run((draft) => draft.items.push("a"))
      .then(() => {
        done = true;
      });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(done).toBe(false);
    expect(committed()).toEqual([]);
    release();
    await first;
    expect(committed()).toEqual(["a"]);

    fail = true;
    const failed = await Promise.allSettled([
      queue.run((draft) => draft.items.push("b")),
      queue.run((draft) => draft.items.push("c")),
    ]);
    expect(failed.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(committed()).toEqual(["a"]);
  });

  it("rejects a throwing change alone and still saves the others", async () => {
    const { queue, committed } = harness();
    const settled = await Promise.allSettled([
      queue.run((draft) => draft.items.push("a")),
      queue.run(() => {
        throw new Error("invalid");
      }),
      queue.run((draft) => draft.items.push("b")),
    ]);
    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(committed()).toEqual(["a", "b"]);
  });

  it("rejects every change when the state cannot be loaded, and tries again on the next change", async () => {
    let loads = 0;
    const queue = new WriteQueue<State>({
      base: async () => {
        loads++;
        if (loads === 1) throw new Error("corrupted");
        return { items: [] };
      },
      clone: (state) => ({ items: [...state.items] }),
      changed: () => true,
      persist: async () => {},
      commit: () => {},
    });
    await expect(queue.run((draft) => draft.items.push("a"))).rejects.toThrow("corrupted");
    await expect(queue.run((draft) => draft.items.push("b"))).resolves.toBe(1);
  });
});
