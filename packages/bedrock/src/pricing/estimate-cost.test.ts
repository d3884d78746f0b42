import { describe, expect, it } from "vitest";
import { callCostEstimator } from "./call-cost.js";
import { estimateCostUsd } from "./estimate-cost.js";
import { findPrice } from "./find-price.js";
import { PRICE_TABLE_DATE } from "./price-rate.js";
import { PRICE_TABLE } from "./price-table.js";

describe("estimateCostUsd per family", () => {
  const perMillion: [string, number][] = [
    ["amazon.titan-embed-text-v1", 0.1],
    ["amazon.titan-embed-g1-text-02", 0.1],
    ["amazon.titan-embed-text-v2:0", 0.02],
    ["cohere.embed-english-v3", 0.1],
    ["cohere.embed-multilingual-v3", 0.1],
    ["cohere.embed-v4:0", 0.12],
    ["amazon.nova-2-multimodal-embeddings-v1:0", 0.135],
    ["amazon.titan-embed-image-v1", 0.8],
  ];
  it.each(perMillion)("%s: tokens × $%s per 1M", (modelId, rate) => {
    const estimate = estimateCostUsd({ modelId, inputTokens: 2_500_000 })!;
    expect(estimate.usd).toBeCloseTo(2.5 * rate, 12);
    expect(estimate.priceDate).toBe("2026-08");
    expect(estimate.basis).toContain("2,500,000 text tokens");
    expect(estimate.basis).toContain(`price table of ${PRICE_TABLE_DATE}`);
  });

  it("prices small counts exactly, without binary noise", () => {
    expect(estimateCostUsd({ modelId: "amazon.titan-embed-text-v2:0", inputTokens: 1_000 })!.usd).toBe(
      0.00002,
    );
    expect(estimateCostUsd({ modelId: "cohere.embed-v4:0", inputTokens: 3 })!.usd).toBe(3.6e-7);
  });

  it("prices Marengo per text request, image and second of media, not per token", () => {
    const estimate = estimateCostUsd({
      modelId: "twelvelabs.marengo-embed-3-0-v1:0",
      inputTokens: 999,
      requests: 10,
      images: 2,
      videoSeconds: 60,
      audioSeconds: 30,
    })!;
    expect(estimate.usd).toBeCloseTo(10 * 0.00007 + 2 * 0.0001 + 60 * 0.0007 + 30 * 0.00014, 12);
    expect(estimate.unpriced).toEqual([]);
    expect(estimateCostUsd({ modelId: "us.twelvelabs.marengo-embed-2-7-v1:0", requests: 1 })!.usd).toBe(
      0.00007,
    );
  });

  it("adds Titan multimodal images and marks its rates unconfirmed", () => {
    const estimate = estimateCostUsd({
      modelId: "amazon.titan-embed-image-v1",
      inputTokens: 1_000_000,
      images: 1000,
    })!;
    expect(estimate.usd).toBeCloseTo(0.8 + 0.06, 12);
    expect(estimate.unconfirmed).toBe(true);
    expect(estimate.basis).toContain("(unconfirmed)");
  });

  it("leaves out parts without a known rate and says so", () => {
    const estimate = estimateCostUsd({
      modelId: "amazon.nova-2-multimodal-embeddings-v1:0",
      inputTokens: 1_000_000,
      images: 3,
      audioSeconds: 5,
    })!;
    expect(estimate.usd).toBeCloseTo(0.135, 12);
    expect(estimate.unpriced).toEqual(["images", "seconds of audio"]);
    expect(estimate.basis).toMatch(/not included, no known rate: images, seconds of audio/);
    expect(estimateCostUsd({ modelId: "amazon.titan-embed-text-v2:0", inputTokens: 10 })!.unconfirmed).toBe(
      false,
    );
  });

  it("halves Titan v2 for batch jobs (marked unconfirmed) and keeps on-demand rates where no discount is known", () => {
    const batch = estimateCostUsd({
      modelId: "amazon.titan-embed-text-v2:0",
      inputTokens: 1_000_000,
      batch: true,
    })!;
    expect(batch.usd).toBeCloseTo(0.01, 12);
    expect(batch.unconfirmed).toBe(true);
    expect(batch.basis).toMatch(/less 50% for batch \(unconfirmed\)/);
    const cohere = estimateCostUsd({
      modelId: "cohere.embed-english-v3",
      inputTokens: 1_000_000,
      batch: true,
    })!;
    expect(cohere.usd).toBeCloseTo(0.1, 12);
    expect(cohere.basis).toMatch(/no known batch discount/);
  });
});

describe("findPrice", () => {
  it("finds a model from any id form that bills like the model", () => {
    const ids = [
      "cohere.embed-v4:0",
      "us.cohere.embed-v4:0",
      "global.cohere.embed-v4:0",
      "arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-v4:0",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.cohere.embed-v4:0",
    ];
    for (const modelId of ids) expect(findPrice({ modelId })?.family).toBe("cohere-v4");
    expect(findPrice({ modelId: "amazon.titan-embed-text-v1:2:8k" })?.family).toBe("titan-text-v1");
  });

  it("uses the family for application inference profiles and when no id is given", () => {
    const profile = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123";
    expect(findPrice({ modelId: profile, family: "cohere-v3" })?.family).toBe("cohere-v3");
    expect(findPrice({ family: "titan-text-v2" })?.family).toBe("titan-text-v2");
  });

  it("has no price for provisioned throughput, custom models or unknown ids", () => {
    const family = "cohere-v4";
    expect(
      findPrice({ modelId: "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc", family }),
    ).toBeUndefined();
    expect(
      findPrice({ modelId: "arn:aws:bedrock:us-east-1:123456789012:custom-model/abc", family }),
    ).toBeUndefined();
    expect(findPrice({ modelId: "vendor.unknown-model" })).toBeUndefined();
    expect(estimateCostUsd({ modelId: "vendor.unknown-model", inputTokens: 5 })).toBeUndefined();
  });

  it("lists every family once and every rate as a positive number", () => {
    const families = PRICE_TABLE.map((entry) => entry.family);
    expect(new Set(families).size).toBe(families.length);
    for (const entry of PRICE_TABLE) {
      for (const rate of [
        entry.textPerMillionTokens,
        entry.textPerRequest,
        entry.perImage,
        entry.batchDiscount,
      ]) {
        if (rate !== undefined) expect(rate.usd).toBeGreaterThan(0);
      }
    }
  });
});

describe("callCostEstimator", () => {
  it("prices one call from its tokens, and nothing when tokens are unknown for a per-token model", () => {
    const titan = callCostEstimator({ modelId: "amazon.titan-embed-text-v2:0", family: "titan-text-v2" })!;
    expect(titan(500)).toBe(0.00001);
    expect(titan(undefined)).toBeUndefined();
    const marengo = callCostEstimator({
      modelId: "us.twelvelabs.marengo-embed-2-7-v1:0",
      family: "marengo-2-7",
    })!;
    expect(marengo(undefined)).toBe(0.00007);
    expect(callCostEstimator({ modelId: "vendor.unknown", family: "nope" })).toBeUndefined();
  });
});
