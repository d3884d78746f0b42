import { describe, expect, it } from "vitest";
import type { WireInput, WireMedia } from "../families/model-family.js";
import { dedupeInputs, inputKey } from "./dedupe-inputs.js";

const text = (value: string): WireInput => ({ modality: "text", text: value });
const png = (base64: string): WireMedia => ({ format: "png", base64, byteLength: base64.length });

describe("dedupeInputs", () => {
  it("keeps each distinct text once, with every index that holds it", () => {
    const { unique, positions } = dedupeInputs(["a", "b", "a", "c", "a"].map(text));
    expect(unique).toEqual(["a", "b", "c"].map(text));
    expect(positions).toEqual([[0, 2, 4], [1], [3]]);
    expect(dedupeInputs(["A", "a", "a "].map(text)).positions).toEqual([[0], [1], [2]]);
  });

  it("merges images with the same bytes, and no image with a text, another format or another caption", () => {
    const inputs: WireInput[] = [
      { modality: "image", image: png("AAAA") },
      { modality: "image", image: png("AAAA") },
      { modality: "image", image: { format: "jpeg", base64: "AAAA", byteLength: 4 } },
      { modality: "image", image: png("BBBB") },
      { modality: "text-image", text: "a cat", image: png("AAAA") },
      { modality: "text-image", text: "a dog", image: png("AAAA") },
      text("AAAA"),
    ];
    expect(dedupeInputs(inputs).positions).toEqual([[0, 1], [2], [3], [4], [5], [6]]);
  });

  it("merges S3 media by location and owner, and videos by embedding mode", () => {
    const s3 = (owner?: string): WireMedia => ({ format: "mp4", s3Uri: "s3://b/v.mp4", bucketOwner: owner });
    const inputs: WireInput[] = [
      { modality: "video", video: s3(), embeddingMode: "AUDIO_VIDEO_COMBINED" },
      { modality: "video", video: s3(), embeddingMode: "AUDIO_VIDEO_COMBINED" },
      { modality: "video", video: s3(), embeddingMode: "AUDIO_VIDEO_SEPARATE" },
      { modality: "video", video: s3("123456789012"), embeddingMode: "AUDIO_VIDEO_COMBINED" },
    ];
    expect(dedupeInputs(inputs).positions).toEqual([[0, 1], [2], [3]]);
  });

  it("keys a text by itself and media by a digest, not by its bytes", () => {
    expect(inputKey(text("hello"))).toBe("hello");
    const large = "A".repeat(100_000);
    expect(inputKey({ modality: "image", image: png(large) }).length).toBeLessThan(100);
  });
});
