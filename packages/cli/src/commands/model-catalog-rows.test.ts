import { findPrice, KNOWN_MODEL_IDS, MODEL_FAMILIES } from "@bedrock-embeddings/bedrock";
import { describe, expect, it } from "vitest";
import { modelCatalogRows } from "./model-catalog-rows.js";

describe("modelCatalogRows", () => {
  const rows = modelCatalogRows();

  it("lists every model id of the catalog once, in catalog order", () => {
    expect(rows.map((row) => row.id)).toEqual(KNOWN_MODEL_IDS);
  });

  it("puts the family's default dimension first, then the others from largest to smallest", () => {
    const titan = rows.find((row) => row.id === "amazon.titan-embed-text-v2:0")!;
    expect(titan.dimensions).toEqual([1024, 512, 256]);
    for (const row of rows) {
      const family = MODEL_FAMILIES[row.family as keyof typeof MODEL_FAMILIES];
      expect(row.dimensions[0]).toBe(family.dimensions.default);
      expect([...row.dimensions].sort()).toEqual([...family.dimensions.allowed].sort());
    }
  });

  it("carries the family's limits and modalities and marks models invoked only through a profile", () => {
    const marengo = rows.find((row) => row.family === "marengo-2-7")!;
    expect(marengo.needsInferenceProfile).toBe(true);
    expect(marengo.tokensPerText).toBe(77);
    const cohere = rows.find((row) => row.id === "cohere.embed-english-v3")!;
    expect(cohere).toMatchObject({
      needsInferenceProfile: false,
      textsPerCall: 96,
      modalities: ["text", "image"],
    });
  });

  it("takes every rate from the price table, with its unconfirmed flag", () => {
    for (const row of rows) {
      const price = findPrice({ modelId: row.id })!;
      const text = row.prices.find((rate) => rate.unit === "1M text tokens");
      expect(text?.usd).toBe(price.textPerMillionTokens?.usd);
      expect(text?.unconfirmed).toBe(price.textPerMillionTokens?.unconfirmed);
    }
    const multimodal = rows.find((row) => row.family === "titan-multimodal")!;
    expect(multimodal.prices).toContainEqual({ unit: "image", usd: 0.00006, unconfirmed: true });
  });
});
