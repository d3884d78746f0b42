import { describe, expect, it } from "vitest";
import { servedFamilies } from "../families/served-families.js";
import { canonicalModelId, EMULATOR_FAMILIES, EMULATOR_MODEL_IDS, familyFor } from "./served-models.js";

describe("the served-model lists, derived from the family folders", () => {
  it("names the eight families like the client does", () => {
    expect(EMULATOR_FAMILIES.map((family) => family.name)).toEqual([
      "titan-text-v1",
      "titan-text-v2",
      "titan-multimodal",
      "cohere-v3",
      "cohere-v4",
      "nova-multimodal",
      "marengo-2-7",
      "marengo-3-0",
    ]);
  });

  it("serves every model id of every family, each by exactly one family", () => {
    const declared = servedFamilies.flatMap((family) => family.modelIds);
    expect(new Set(declared).size).toBe(declared.length);
    expect([...EMULATOR_MODEL_IDS].sort()).toEqual([...declared].sort());
    for (const family of servedFamilies) {
      for (const modelId of family.modelIds) {
        expect(canonicalModelId(modelId)).toBe(modelId);
        expect(familyFor(modelId)).toBe(family);
      }
    }
  });

  it("resolves every variant id to a model id of its own family", () => {
    const variantCount = servedFamilies.reduce(
      (total, family) => total + Object.keys(family.variantIds).length,
      0,
    );
    expect(variantCount).toBeGreaterThan(0);
    for (const family of servedFamilies) {
      for (const [variantId, modelId] of Object.entries(family.variantIds)) {
        expect(family.modelIds).toContain(modelId);
        expect(EMULATOR_MODEL_IDS).not.toContain(variantId);
        expect(canonicalModelId(variantId)).toBe(modelId);
      }
    }
  });

  it("marks the families that need an inference profile or take StartAsyncInvoke in their folders", () => {
    const flagged = (flag: "onDemandNeedsProfile" | "asyncInvoke") =>
      servedFamilies.filter((family) => family[flag]).map((family) => family.name);
    expect(flagged("onDemandNeedsProfile")).toEqual(["marengo-2-7"]);
    expect(flagged("asyncInvoke")).toEqual(["nova-multimodal", "marengo-2-7", "marengo-3-0"]);
  });

  it("serves Titan Embeddings G1 - Text under both of its ids", () => {
    expect(familyFor("amazon.titan-embed-g1-text-02").name).toBe("titan-text-v1");
    expect(familyFor("amazon.titan-embed-text-v1").name).toBe("titan-text-v1");
  });

  it("tells an unserved id apart and refuses a family lookup for it", () => {
    expect(canonicalModelId("amazon.titan-embed-text-v3:0")).toBeUndefined();
    expect(() => familyFor("amazon.titan-embed-text-v3:0")).toThrow(
      "No model family registered for amazon.titan-embed-text-v3:0",
    );
  });
});
