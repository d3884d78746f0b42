import { ResponseError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { FAMILY_NAMES, familyOfModelId, KNOWN_MODEL_IDS, MODEL_FAMILIES } from "./catalog.js";
import type { ParsedEmbeddings, RequestSettings, WireInput } from "./model-family.js";

const settings = (overrides: Partial<RequestSettings> = {}): RequestSettings => ({
  dimensions: 1024,
  normalize: true,
  inputType: undefined,
  truncate: undefined,
  ...overrides,
});
const texts = (...values: string[]): WireInput[] => values.map((text) => ({ modality: "text", text }));
const ONE_TEXT = texts("t");
/** The float vector of each input, as the text path reads a parse. */
const floats = (parsed: ParsedEmbeddings) => parsed.perInput.map((entries) => entries[0]?.byType.float);

describe("request bodies", () => {
  it("titan-text-v1 sends inputText only", () => {
    expect(MODEL_FAMILIES["titan-text-v1"].buildBody(texts("hi"), settings({ dimensions: 1536 }))).toEqual({
      inputText: "hi",
    });
  });

  it("titan-text-v2 always sends dimensions and the normalize setting", () => {
    const family = MODEL_FAMILIES["titan-text-v2"];
    expect(family.buildBody(texts("hi"), settings({ dimensions: 256 }))).toEqual({
      inputText: "hi",
      dimensions: 256,
      normalize: true,
    });
    expect(family.buildBody(texts("hi"), settings({ normalize: false }))).toEqual({
      inputText: "hi",
      dimensions: 1024,
      normalize: false,
    });
  });

  it("single-text codecs refuse more than one text", () => {
    expect(() => MODEL_FAMILIES["titan-text-v2"].buildBody(texts("a", "b"), settings())).toThrow(
      /exactly one text/,
    );
  });

  it("cohere-v3 sends texts, input_type and truncate only when set", () => {
    const family = MODEL_FAMILIES["cohere-v3"];
    expect(family.buildBody(texts("a", "b"), settings({ inputType: "search_document" }))).toEqual({
      texts: ["a", "b"],
      input_type: "search_document",
    });
    expect(family.buildBody(texts("a"), settings({ inputType: "search_query", truncate: "END" }))).toEqual({
      texts: ["a"],
      input_type: "search_query",
      truncate: "END",
    });
  });

  it("cohere-v4 always sends output_dimension and float embedding_types", () => {
    const body = MODEL_FAMILIES["cohere-v4"].buildBody(
      texts("a"),
      settings({ dimensions: 512, inputType: "search_document", truncate: "LEFT" }),
    );
    expect(body).toEqual({
      texts: ["a"],
      input_type: "search_document",
      output_dimension: 512,
      embedding_types: ["float"],
      truncate: "LEFT",
    });
  });

  it("cohere input type follows the memory action", () => {
    for (const name of ["cohere-v3", "cohere-v4"] as const) {
      const family = MODEL_FAMILIES[name];
      expect(family.defaultInputType(undefined)).toBe("search_document");
      expect(family.defaultInputType("add")).toBe("search_document");
      expect(family.defaultInputType("update")).toBe("search_document");
      expect(family.defaultInputType("search")).toBe("search_query");
    }
    expect(MODEL_FAMILIES["titan-text-v2"].defaultInputType("search")).toBeUndefined();
  });
});

describe("response shapes", () => {
  it("titan: embedding with inputTextTokenCount", () => {
    expect(
      MODEL_FAMILIES["titan-text-v1"].parseResponse(
        { embedding: [1, 2], inputTextTokenCount: 3 },
        "m",
        ONE_TEXT,
      ),
    ).toEqual({
      perInput: [[{ byType: { float: [1, 2] } }]],
      inputTokens: 3,
    });
  });

  it("titan v2: embeddingsByType.float when embedding is absent", () => {
    const parsed = MODEL_FAMILIES["titan-text-v2"].parseResponse(
      { embeddingsByType: { float: [0.5, 0.5] }, inputTextTokenCount: 4 },
      "m",
      ONE_TEXT,
    );
    expect(floats(parsed)).toEqual([[0.5, 0.5]]);
    expect(parsed.inputTokens).toBe(4);
  });

  it("titan: an unknown shape is a ResponseError naming what was found", () => {
    const family = MODEL_FAMILIES["titan-text-v2"];
    expect(() => family.parseResponse({ vectors: [1] }, "amazon.titan-embed-text-v2:0", ONE_TEXT)).toThrow(
      /no "embedding" list.*keys \[vectors\]/,
    );
    expect(() => family.parseResponse({ embedding: "x" }, "m", ONE_TEXT)).toThrow(/"embedding" is a string/);
    expect(() => family.parseResponse([1, 2], "m", ONE_TEXT)).toThrowError(ResponseError);
    expect(() => family.parseResponse(null, "m", ONE_TEXT)).toThrow(/is null, not a JSON object/);
  });

  it.each(["cohere-v3", "cohere-v4"] as const)("%s: embeddings as an array of vectors", (name) => {
    const body = { id: "x", response_type: "embeddings_floats", embeddings: [[1], [2]], texts: ["a", "b"] };
    const parsed = MODEL_FAMILIES[name].parseResponse(body, "m", texts("a", "b"));
    expect(floats(parsed)).toEqual([[1], [2]]);
    expect(parsed.inputTokens).toBeUndefined();
  });

  it.each(["cohere-v3", "cohere-v4"] as const)("%s: embeddings keyed by type", (name) => {
    const body = {
      id: "x",
      response_type: "embeddings_by_type",
      embeddings: { float: [[1], [2]], int8: [[3], [4]] },
    };
    expect(floats(MODEL_FAMILIES[name].parseResponse(body, "m", texts("a", "b")))).toEqual([[1], [2]]);
  });

  it("cohere: by-type without float is read as it is (the decoder asks for float); no embeddings at all is a ResponseError", () => {
    const family = MODEL_FAMILIES["cohere-v4"];
    expect(floats(family.parseResponse({ embeddings: { int8: [[1]] } }, "m", ONE_TEXT))).toEqual([undefined]);
    expect(() => family.parseResponse({ embedding: [1] }, "m", ONE_TEXT)).toThrow(
      /no "embeddings" list nor lists keyed by type; found an object with keys \[embedding\]/,
    );
    expect(() => family.parseResponse({ embeddings: 3 }, "m", ONE_TEXT)).toThrow(/"embeddings" is a number/);
  });
});

describe("catalog", () => {
  it("every family has consistent dimensions and limits", () => {
    for (const name of FAMILY_NAMES) {
      const family = MODEL_FAMILIES[name];
      expect(family.name).toBe(name);
      expect(family.dimensions.allowed).toContain(family.dimensions.default);
      if (family.dimensions.fixed) expect(family.dimensions.allowed).toEqual([family.dimensions.default]);
      expect(family.limits.textsPerCall).toBeGreaterThan(0);
      expect(family.truncateModes).toContain("NONE");
    }
  });

  it("documents the wire facts of each family", () => {
    expect(MODEL_FAMILIES["titan-text-v1"]).toMatchObject({
      serverNormalize: false,
      tokenSource: "body",
      dimensions: { default: 1536 },
    });
    expect(MODEL_FAMILIES["titan-text-v2"]).toMatchObject({
      serverNormalize: true,
      limits: { textsPerCall: 1, charactersPerText: 50_000 },
      dimensions: { allowed: [256, 512, 1024] },
    });
    expect(MODEL_FAMILIES["cohere-v3"]).toMatchObject({
      tokenSource: "header",
      limits: { textsPerCall: 96, charactersPerText: 2048 },
    });
    expect(MODEL_FAMILIES["cohere-v4"]).toMatchObject({
      truncateModes: ["NONE", "LEFT", "RIGHT"],
      dimensions: { default: 1536, allowed: [256, 512, 1024, 1536] },
    });
  });

  it("finds families by bare id, including provisioned variant suffixes", () => {
    expect(familyOfModelId("amazon.titan-embed-g1-text-02")?.name).toBe("titan-text-v1");
    expect(familyOfModelId("amazon.titan-embed-text-v1:2:8k")?.name).toBe("titan-text-v1");
    expect(familyOfModelId("cohere.embed-multilingual-v3")?.name).toBe("cohere-v3");
    expect(familyOfModelId("amazon.titan-embed-text-v2:1")).toBeUndefined();
    expect(familyOfModelId("cohere.embed-v4")).toBeUndefined();
    expect(familyOfModelId("amazon.titan-embed-image-v1")?.name).toBe("titan-multimodal");
    expect(familyOfModelId("amazon.nova-2-multimodal-embeddings-v1:0")?.name).toBe("nova-multimodal");
    expect(familyOfModelId("twelvelabs.marengo-embed-2-7-v1:0")?.name).toBe("marengo-2-7");
    expect(familyOfModelId("twelvelabs.marengo-embed-3-0-v1:0")?.name).toBe("marengo-3-0");
    expect(KNOWN_MODEL_IDS).toHaveLength(10);
  });

  it("cohere-v3 cuts over-long texts from the side truncate names, by code point", () => {
    const family = MODEL_FAMILIES["cohere-v3"];
    const text = "a".repeat(2000) + "😀".repeat(100);
    const start = family.fitText(text, "START");
    const end = family.fitText(text, "END");
    expect(Array.from(start)).toHaveLength(2048);
    expect(start.endsWith("😀".repeat(100))).toBe(true);
    expect(Array.from(end)).toHaveLength(2048);
    expect(end).toBe("a".repeat(2000) + "😀".repeat(48));
    expect(family.fitText(text, "NONE")).toBe(text);
  });
});
