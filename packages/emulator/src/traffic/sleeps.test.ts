import { describe, expect, it } from "vitest";
import { Sleeps } from "./sleeps.js";

describe("Sleeps", () => {
  it("ends pending waits at once on cancelAll, and skips later ones", async () => {
    const sleeps = new Sleeps();
    let woken = false;
    const pending = sleeps.wait(60_000).then(() => {
      woken = true;
    });
    await Promise.resolve();
    expect(woken).toBe(false);
    sleeps.cancelAll();
    await pending;
    expect(woken).toBe(true);
    await sleeps.wait(60_000);
  });
});
