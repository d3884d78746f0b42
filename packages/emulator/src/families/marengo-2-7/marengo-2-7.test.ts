import { describe, expect, it } from "vitest";
import { jpegBytes } from "../../media/test-images.test-helpers.js";
import { png, s3Context } from "../shared/family-test-inputs.test-helpers.js";
import { marengoEmbed27 } from "./index.js";

describe("twelvelabs.marengo-embed-2-7-v1:0", () => {
  it("2.7 embeds text and images into 1024 floats under data[]", () => {
    const text = marengoEmbed27.invoke({ inputType: "text", inputText: "a goal in the last minute" });
    expect(text.body).toEqual({ data: [{ embedding: expect.any(Array) }] });
    expect((text.body as { data: Array<{ embedding: number[] }> }).data[0]?.embedding).toHaveLength(1024);
    const image = marengoEmbed27.invoke({ inputType: "image", mediaSource: { base64String: png } });
    expect((image.body as { data: Array<{ embedding: number[] }> }).data[0]?.embedding).toHaveLength(1024);
    const context = s3Context({ "s3://media/cat.jpg": { bytes: jpegBytes(20, 20), metadata: {} } });
    const fromS3 = marengoEmbed27.invoke(
      {
        inputType: "image",
        mediaSource: { s3Location: { uri: "s3://media/cat.jpg", bucketOwner: "123456789012" } },
      },
      context,
    );
    expect((fromS3.body as { data: unknown[] }).data).toHaveLength(1);
  });

  it("2.7 cuts text at 77 tokens unless textTruncate is none, and leaves video to async", () => {
    const long = "word ".repeat(200);
    expect(marengoEmbed27.invoke({ inputType: "text", inputText: long }).inputTokenCount).toBe(77);
    expect(() => marengoEmbed27.invoke({ inputType: "text", inputText: long, textTruncate: "none" })).toThrow(
      /exceeds the maximum of 77 tokens/,
    );
    expect(() => marengoEmbed27.invoke({ inputType: "video", mediaSource: { base64String: png } })).toThrow(
      "InvokeModel supports only the text and image input types for twelvelabs.marengo-embed-2-7-v1:0",
    );
    expect(() =>
      marengoEmbed27.invoke({
        inputType: "image",
        mediaSource: { base64String: png, s3Location: { uri: "s3://a/b" } },
      }),
    ).toThrow("#/mediaSource: exactly one of [base64String, s3Location] is required");
  });
});
