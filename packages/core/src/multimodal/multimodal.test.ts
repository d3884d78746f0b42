import { describe, expect, it } from "vitest";
import { InputError } from "../errors/input-error.js";
import { createTestPng } from "../testing/test-png.js";
import type { EmbeddingInput } from "./embedding-input.js";
import { readImageSize, sniffImageFormat } from "./image-header.js";
import { modalityOf } from "./input-modality.js";
import { formatFromName } from "./media-format.js";
import { isMultimodalEmbedder } from "./multimodal-embedder.js";

function jpegHeader(width: number, height: number): Uint8Array {
  return new Uint8Array([
    0xff,
    0xd8, // SOI
    0xff,
    0xe0,
    0x00,
    0x06,
    0x4a,
    0x46,
    0x49,
    0x46, // APP0, length 6 (skipped by its length)
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    0x01,
    0x22,
    0x00,
    0x02,
    0x11,
    0x01,
    0x03,
    0x11,
    0x01,
  ]);
}

function gifHeader(width: number, height: number): Uint8Array {
  return new Uint8Array([
    ...new TextEncoder().encode("GIF89a"),
    width & 0xff,
    width >> 8,
    height & 0xff,
    height >> 8,
    0,
    0,
    0,
  ]);
}

function webpHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(30);
  bytes.set(new TextEncoder().encode("RIFF"), 0);
  bytes.set(new TextEncoder().encode("WEBPVP8X"), 8);
  const w = width - 1;
  const h = height - 1;
  bytes.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], 24);
  return bytes;
}

describe("image headers", () => {
  it("sniffs PNG, JPEG, GIF and WebP and reads their pixel size", () => {
    expect(sniffImageFormat(createTestPng({ width: 3, height: 5 }))).toBe("png");
    expect(readImageSize(createTestPng({ width: 3, height: 5 }))).toEqual({ width: 3, height: 5 });
    expect(sniffImageFormat(jpegHeader(4000, 3000))).toBe("jpeg");
    expect(readImageSize(jpegHeader(4000, 3000))).toEqual({ width: 4000, height: 3000 });
    expect(sniffImageFormat(gifHeader(300, 2))).toBe("gif");
    expect(readImageSize(gifHeader(300, 2))).toEqual({ width: 300, height: 2 });
    expect(sniffImageFormat(webpHeader(2049, 17))).toBe("webp");
    expect(readImageSize(webpHeader(2049, 17))).toEqual({ width: 2049, height: 17 });
  });

  it("says undefined for anything else or a cut-short header", () => {
    expect(sniffImageFormat(new TextEncoder().encode("hello, not an image"))).toBeUndefined();
    expect(readImageSize(new Uint8Array([0x89, 0x50]))).toBeUndefined();
    expect(readImageSize(createTestPng().subarray(0, 20))).toBeUndefined();
    expect(readImageSize(jpegHeader(10, 10).subarray(0, 12))).toBeUndefined();
  });
});

describe("modalityOf", () => {
  const png = createTestPng();
  it.each<[EmbeddingInput, string]>([
    [{ text: "a cat" }, "text"],
    [{ image: { bytes: png } }, "image"],
    [{ image: { file: "cat.png" }, format: "png" }, "image"],
    [{ text: "a cat", image: { s3Uri: "s3://bucket/cat.png" } }, "text-image"],
    [{ audio: { s3Uri: "s3://bucket/a.mp3" }, format: "mp3" }, "audio"],
    [{ video: { bytes: png }, format: "mp4", embeddingMode: "AUDIO_VIDEO_SEPARATE" }, "video"],
  ])("%j is %s", (input, modality) => {
    expect(modalityOf(input, 0)).toBe(modality);
  });

  it.each<[unknown, RegExp]>([
    ["just a string", /expected an input object/],
    [{}, /no text, image, audio or video/],
    [{ text: "  " }, /empty or only whitespace/],
    [{ text: 3 }, /text must be a string/],
    [{ image: {} }, /image has no bytes, file or s3Uri/],
    [{ image: { bytes: png, file: "a.png" } }, /exactly one source/],
    [{ image: { bytes: [1, 2, 3] } }, /must be a Uint8Array/],
    [{ video: { s3Uri: "https://bucket/clip.mp4" } }, /s3:\/\/bucket\/key/],
    [{ image: { bytes: png }, audio: { bytes: png } }, /image and audio/],
    [{ text: "x", audio: { bytes: png } }, /cannot be combined with audio/],
    [{ image: { bytes: png }, embeddingMode: "AUDIO_VIDEO_SEPARATE" }, /video inputs only/],
    [{ txt: "typo" }, /unknown input key txt/],
  ])("rejects %j with an InputError naming the index", (input, message) => {
    let thrown: unknown;
    try {
      modalityOf(input as EmbeddingInput, 7);
    } catch (error) {
      thrown = error;
    }
    expect(InputError.isInstance(thrown)).toBe(true);
    expect((thrown as InputError).index).toBe(7);
    expect((thrown as InputError).message).toMatch(message);
  });
});

describe("formats and guards", () => {
  it("reads formats from extensions, .jpg as jpeg, per medium", () => {
    expect(formatFromName("s3://bucket/photos/cat.JPG", "image")).toBe("jpeg");
    expect(formatFromName("clip.mp4", "video")).toBe("mp4");
    expect(formatFromName("call.wav", "audio")).toBe("wav");
    expect(formatFromName("clip.mp4", "audio")).toBeUndefined();
    expect(formatFromName("no-extension", "image")).toBeUndefined();
  });

  it("tells multimodal embedders apart", () => {
    expect(isMultimodalEmbedder({ embedInputs: async () => [] })).toBe(true);
    expect(isMultimodalEmbedder({ embed: async () => [] })).toBe(false);
    expect(isMultimodalEmbedder(null)).toBe(false);
  });
});
