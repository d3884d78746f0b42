import { describe, expect, it } from "vitest";
import { gifBytes, jpegBytes, pngBytes } from "../../media/test-images.test-helpers.js";
import { cosine, png } from "../shared/family-test-inputs.test-helpers.js";
import { titanEmbedImageV1 } from "./index.js";

const reformat = ", please reformat your input and try again.";

describe("amazon.titan-embed-image-v1", () => {
  it("embeds text, an image, or the average of both", () => {
    const text = titanEmbedImageV1.invoke({ inputText: "a red bicycle" }).body as Record<string, unknown>;
    expect(Object.keys(text).sort()).toEqual(["embedding", "inputTextTokenCount", "message"]);
    expect(text["message"]).toBeNull();
    expect(text["embedding"]).toHaveLength(1024);
    const image = titanEmbedImageV1.invoke({
      inputImage: png,
      embeddingConfig: { outputEmbeddingLength: 256 },
    });
    expect((image.body as { embedding: number[] }).embedding).toHaveLength(256);
    expect((image.body as { inputTextTokenCount: number }).inputTextTokenCount).toBe(0);
    const both = titanEmbedImageV1.invoke({ inputText: "a red bicycle", inputImage: png }).body as {
      embedding: number[];
    };
    const imageOnly = (titanEmbedImageV1.invoke({ inputImage: png }).body as { embedding: number[] })
      .embedding;
    const textOnly = text["embedding"] as number[];
    expect(cosine(both.embedding, textOnly)).toBeGreaterThan(0.6);
    expect(cosine(both.embedding, imageOnly)).toBeGreaterThan(0.6);
  });

  it.each([
    [{}, `Malformed input request: #: at least one of [inputText, inputImage] is required${reformat}`],
    [
      { inputText: "x", embeddingConfig: { outputEmbeddingLength: 512 } },
      `Malformed input request: #/embeddingConfig/outputEmbeddingLength: 512 is not a valid enum value${reformat}`,
    ],
    [
      { inputImage: "not base64!" },
      `Malformed input request: #/inputImage: expected a base64-encoded string${reformat}`,
    ],
    [
      { inputImage: gifBytes(10, 10).toString("base64") },
      "unsupported format (gif). Supported formats: png, jpeg.",
    ],
    [
      { inputImage: pngBytes(4096, 100).toString("base64") },
      "is 4096x100 pixels, which exceeds the maximum of 2048x2048 pixels.",
    ],
    [{ inputText: "word ".repeat(400) }, "Too many input tokens. Max input tokens: 256"],
  ])("rejects %#", (request, message) => {
    expect(() => titanEmbedImageV1.invoke(request)).toThrow(message);
  });

  it("rejects images over 25 MB", () => {
    const oversize = Buffer.concat([jpegBytes(100, 100), Buffer.alloc(25 * 1024 * 1024)]).toString("base64");
    expect(() => titanEmbedImageV1.invoke({ inputImage: oversize })).toThrow(
      /exceeds the maximum image size of 25 MB/,
    );
  });
});
