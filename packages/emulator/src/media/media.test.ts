import { describe, expect, it } from "vitest";
import { decodeBase64 } from "./base64.js";
import { parseDataUri } from "./data-uri.js";
import { readImageHeader } from "./image-header.js";
import { mediaDurationSeconds } from "./media-duration.js";
import { combineVectors, embedBytes } from "./media-embedding.js";
import { filler, gifBytes, jpegBytes, pngBytes, webpBytes } from "./test-images.test-helpers.js";

function cosine(left: readonly number[], right: readonly number[]): number {
  return left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);
}

describe("image headers", () => {
  it.each([
    ["png", pngBytes(640, 480), 640, 480],
    ["jpeg", jpegBytes(2049, 17), 2049, 17],
    ["gif", gifBytes(31, 32), 31, 32],
    ["webp", webpBytes(300, 200), 300, 200],
  ])("reads the %s size without decoding pixels", (format, bytes, width, height) => {
    expect(readImageHeader(bytes)).toMatchObject({ format, width, height });
  });

  it("recognises nothing else", () => {
    expect(readImageHeader(Buffer.from("not an image at all"))).toBeUndefined();
    expect(readImageHeader(Buffer.alloc(0))).toBeUndefined();
  });
});

describe("base64 and data URIs", () => {
  it("decodes strict base64 only", () => {
    expect(decodeBase64("aGVsbG8=")?.toString()).toBe("hello");
    expect(decodeBase64("aGVsbG8")).toBeUndefined();
    expect(decodeBase64("aGV sbG8=")).toBeUndefined();
    expect(decodeBase64("")).toBeUndefined();
  });

  it("parses data URIs", () => {
    expect(parseDataUri("data:image/PNG;base64,aGk=")).toEqual({
      mimeType: "image/png",
      bytes: Buffer.from("hi"),
    });
    expect(parseDataUri("https://example.com/cat.png")).toBeUndefined();
    expect(parseDataUri("data:image/png,raw")).toBeUndefined();
  });
});

describe("media vectors", () => {
  it("are deterministic, unit length, and depend on bytes and salt", () => {
    const bytes = filler(10_000, 3);
    const vector = embedBytes(bytes, 256, "a");
    expect(vector).toHaveLength(256);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(embedBytes(bytes, 256, "a")).toEqual(vector);
    expect(embedBytes(bytes, 256, "b")).not.toEqual(vector);
    const other = embedBytes(filler(10_000, 4), 256, "a");
    expect(cosine(vector, other)).toBeLessThan(0.5);
    expect(embedBytes(new Uint8Array(), 8, "a").some((value) => value !== 0)).toBe(true);
  });

  it("embeds a 25 MB input quickly by sampling chunks", () => {
    const started = performance.now();
    embedBytes(Buffer.alloc(25 * 1024 * 1024, 7), 1024, "big");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("combines vectors into their normalized mean", () => {
    const combined = combineVectors([
      [1, 0],
      [0, 1],
    ]);
    expect(combined[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(combined[1]).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it("takes a media duration from S3 metadata, else 16,000 bytes per second", () => {
    expect(mediaDurationSeconds(160_000)).toBe(10);
    expect(mediaDurationSeconds(160_000, { "duration-seconds": "42.5" })).toBe(42.5);
    expect(mediaDurationSeconds(160_000, { "duration-seconds": "nonsense" })).toBe(10);
  });
});
