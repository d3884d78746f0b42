import { InputError } from "@bedrock-embeddings/core";
import { createTestPng } from "@bedrock-embeddings/core/testing";
import { describe, expect, it, vi } from "vitest";
import { MODEL_FAMILIES } from "../families/catalog.js";
import type { FamilyName } from "../families/model-family.js";
import type { MediaFiles } from "./media-source.js";
import { prepareInputs } from "./prepare-inputs.js";

/** Files that exist only in this map; `read` is a spy so tests can assert nothing was read. */
function fakeFiles(files: Record<string, { size: number; bytes?: Uint8Array }>) {
  const read = vi.fn(async (path: string) => files[path]?.bytes ?? new Uint8Array(files[path]?.size ?? 0));
  const size = vi.fn(async (path: string) => {
    const file = files[path];
    if (!file) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
    return file.size;
  });
  return { files: { size, read } satisfies MediaFiles, read, size };
}

function jpegOf(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set([
    0xff,
    0xd8,
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
  ]);
  return bytes;
}

async function inputError(family: FamilyName, inputs: unknown[], files: MediaFiles = fakeFiles({}).files) {
  try {
    await prepareInputs(inputs, MODEL_FAMILIES[family], undefined, files);
  } catch (error) {
    if (InputError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("prepareInputs", () => {
  const png = createTestPng({ width: 2, height: 2 });

  it("loads bytes and files as base64 with their sniffed format, and keeps S3 sources", async () => {
    const { files } = fakeFiles({ "/photos/cat.png": { size: png.length, bytes: png } });
    const wire = await prepareInputs(
      [{ image: { bytes: png } }, { text: "cat", image: { file: "/photos/cat.png" } }, { text: "plain" }],
      MODEL_FAMILIES["titan-multimodal"],
      undefined,
      files,
    );
    const base64 = Buffer.from(png).toString("base64");
    expect(wire).toEqual([
      { modality: "image", image: { format: "png", base64, byteLength: png.length } },
      { modality: "text-image", text: "cat", image: { format: "png", base64, byteLength: png.length } },
      { modality: "text", text: "plain" },
    ]);
    const s3 = await prepareInputs(
      [{ video: { s3Uri: "s3://bucket/clips/a.mp4" }, embeddingMode: "AUDIO_VIDEO_SEPARATE" }],
      MODEL_FAMILIES["nova-multimodal"],
      undefined,
      files,
    );
    expect(s3).toEqual([
      {
        modality: "video",
        video: { format: "mp4", s3Uri: "s3://bucket/clips/a.mp4", bucketOwner: undefined },
        embeddingMode: "AUDIO_VIDEO_SEPARATE",
      },
    ]);
  });

  it("refuses an oversize file from its size alone, without reading it", async () => {
    const { files, read } = fakeFiles({ "/big.png": { size: 5_000_001 } });
    const error = await inputError("cohere-v3", [{ text: "fine" }, { image: { file: "/big.png" } }], files);
    expect(error).toMatchObject({ index: 1, limit: 5_000_000, actual: 5_000_001 });
    expect(error.message).toMatch(/cohere-v3 models accept at most 5 MB/);
    expect(read).not.toHaveBeenCalled();
  });

  it("checks Titan's 25 MB and 2048×2048 limits", async () => {
    const big = new Uint8Array(25_000_001);
    big.set(png);
    expect(await inputError("titan-multimodal", [{ image: { bytes: big } }])).toMatchObject({
      index: 0,
      limit: 25_000_000,
      actual: 25_000_001,
    });
    const wide = await inputError("titan-multimodal", [
      { text: "x" },
      { image: { bytes: jpegOf(3000, 1000) } },
    ]);
    expect(wide).toMatchObject({ index: 1, limit: 2048, actual: 3000 });
    expect(wide.message).toMatch(/3000×1000 pixels; titan-multimodal models accept at most 2048×2048/);
    const tall = await inputError("titan-multimodal", [
      { image: { bytes: createTestPng({ width: 1, height: 2049 }) } },
    ]);
    expect(tall).toMatchObject({ limit: 2048, actual: 2049 });
    // Other families have no pixel limit.
    await expect(
      prepareInputs(
        [{ image: { bytes: jpegOf(3000, 1000) } }],
        MODEL_FAMILIES["cohere-v4"],
        undefined,
        fakeFiles({}).files,
      ),
    ).resolves.toHaveLength(1);
  });

  it("checks Nova's 25 MB inline budget after base64, and sends S3 media unchecked", async () => {
    const clip = new Uint8Array(18_750_001); // 25,000,004 base64 characters
    const error = await inputError("nova-multimodal", [{ video: { bytes: clip }, format: "mp4" }]);
    expect(error).toMatchObject({ index: 0, limit: 25_000_000, actual: 25_000_004 });
    expect(error.message).toMatch(/after base64/);
    expect(error.fix).toMatch(/s3Uri/);
  });

  it("names the modalities a family accepts when an input is not one of them", async () => {
    const error = await inputError("nova-multimodal", [{ text: "a", image: { bytes: png } }]);
    expect(error.index).toBe(0);
    expect(error.message).toMatch(
      /nova-multimodal models do not take text\+image inputs; they accept text, image, audio, video/,
    );
    expect(error.fix).toMatch(/titan-multimodal, cohere-v4, marengo-3-0/);
    const audio = await inputError("titan-text-v2", [{ text: "ok" }, { audio: { s3Uri: "s3://b/a.mp3" } }]);
    expect(audio.index).toBe(1);
    expect(audio.message).toMatch(/titan-text-v2 models do not take audio inputs; they accept text\./);
    expect((await inputError("marengo-2-7", [{ video: { s3Uri: "s3://b/a.mp4" } }])).message).toMatch(
      /accept text, image/,
    );
  });

  it("checks every input's shape before reading any file", async () => {
    const { files, size, read } = fakeFiles({ "/a.png": { size: png.length, bytes: png } });
    const error = await inputError(
      "cohere-v4",
      [{ image: { file: "/a.png" } }, { audio: { bytes: png } }],
      files,
    );
    expect(error.index).toBe(1);
    expect(size).not.toHaveBeenCalled();
    expect(read).not.toHaveBeenCalled();
  });

  it("refuses S3 images where the model only takes bytes, and unknown or mismatched formats", async () => {
    expect(
      (await inputError("titan-multimodal", [{ image: { s3Uri: "s3://bucket/a.png" } }])).message,
    ).toMatch(/inline only, not from S3/);
    expect((await inputError("cohere-v3", [{ image: { bytes: png }, format: "jpeg" }])).message).toMatch(
      /format says jpeg, but the bytes are a png image/,
    );
    expect(
      (await inputError("cohere-v3", [{ image: { bytes: new Uint8Array([1, 2, 3]) } }])).message,
    ).toMatch(/cannot be told/);
    const gif = new Uint8Array([...new TextEncoder().encode("GIF89a"), 1, 0, 1, 0, 0, 0, 0]);
    expect((await inputError("cohere-v3", [{ image: { bytes: gif } }])).message).toMatch(
      /cohere-v3 models do not take gif images/,
    );
    expect((await inputError("nova-multimodal", [{ audio: { s3Uri: "s3://b/a.flac" } }])).message).toMatch(
      /format is not given/,
    );
    expect(
      (await inputError("nova-multimodal", [{ audio: { s3Uri: "s3://b/a" }, format: "aac" as never }]))
        .message,
    ).toMatch(/do not take aac audio/);
  });

  it("reports a missing file and an empty image as InputErrors", async () => {
    const missing = await inputError("cohere-v4", [{ image: { file: "/nope.png" } }]);
    expect(missing.message).toMatch(/cannot read the image file \/nope.png/);
    expect((missing.cause as Error).message).toMatch(/ENOENT/);
    expect((await inputError("cohere-v4", [{ image: { bytes: new Uint8Array(0) } }])).message).toMatch(
      /empty/,
    );
  });

  it("applies the family's text limit to text and text+image inputs", async () => {
    const error = await inputError("marengo-2-7", [{ text: "word ".repeat(100) }]);
    expect(error).toMatchObject({ index: 0, limit: 462, actual: 500 });
    const titan = await inputError("titan-multimodal", [{ text: "x".repeat(1537), image: { bytes: png } }]);
    expect(titan).toMatchObject({ limit: 1536, actual: 1537 });
    const cut = await prepareInputs(
      [{ text: "y".repeat(9000) }],
      MODEL_FAMILIES["nova-multimodal"],
      "END",
      fakeFiles({}).files,
    );
    expect(cut[0]).toEqual({ modality: "text", text: "y".repeat(8192) });
  });
});
