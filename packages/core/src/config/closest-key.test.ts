import { describe, expect, it } from "vitest";
import { closestKey, editDistance } from "./closest-key.js";

describe("closestKey", () => {
  it("counts a swap of neighbouring letters as one edit", () => {
    expect(editDistance("modle", "model")).toBe(1);
    expect(editDistance("embeder", "embedder")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("picks the nearest candidate and ignores unrelated words", () => {
    expect(closestKey("embeder", ["version", "embedder", "emulator"])).toBe("embedder");
    expect(closestKey("regon", ["region", "profile"])).toBe("region");
    expect(closestKey("colour", ["embedder", "memory", "s3"])).toBeUndefined();
    expect(closestKey("xy", ["s3"])).toBeUndefined();
  });
});
