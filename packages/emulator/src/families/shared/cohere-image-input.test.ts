import { describe, expect, it } from "vitest";
import { dataUri, gifBytes, jpegBytes, pngBytes, webpBytes } from "../../media/test-images.test-helpers.js";
import { cohereEmbedV3 } from "../cohere-v3/index.js";
import { cohereEmbedV4 } from "../cohere-v4/index.js";

describe("Cohere image inputs", () => {
  it("v3 embeds exactly one PNG/JPEG data URI with input_type image and describes it", () => {
    const { body, inputTokenCount } = cohereEmbedV3.invoke({
      images: [dataUri("image/jpeg", jpegBytes(280, 280))],
      input_type: "image",
      embedding_types: ["float", "ubinary"],
    });
    const response = body as { embeddings: Record<string, number[][]>; images: unknown[]; texts: string[] };
    expect(response.embeddings["float"]?.[0]).toHaveLength(1024);
    expect(response.embeddings["ubinary"]?.[0]).toHaveLength(128);
    expect(response.images).toEqual([{ width: 280, height: 280, format: "jpeg", bit_depth: 8 }]);
    expect(response.texts).toEqual([]);
    expect(inputTokenCount).toBe(400);
  });

  it.each([
    [
      {
        images: [dataUri("image/png", pngBytes(2, 2)), dataUri("image/png", pngBytes(3, 3))],
        input_type: "image",
      },
      "#/images: expected maximum item count: 1, found: 2",
    ],
    [
      { images: [dataUri("image/png", pngBytes(2, 2))], texts: ["x"], input_type: "image" },
      "#: extraneous key [texts] is not permitted",
    ],
    [
      { images: [dataUri("image/png", pngBytes(2, 2))], input_type: "search_query" },
      "#/input_type: must be image when [images] is provided",
    ],
    [{ texts: ["x"], input_type: "image" }, "#/input_type: image requires [images] instead of [texts]"],
    [{ images: ["https://example.com/a.png"], input_type: "image" }, "#/images/0: expected a data URI"],
    [
      { images: [dataUri("image/gif", gifBytes(2, 2))], input_type: "image" },
      "unsupported image type image/gif",
    ],
  ])("v3 rejects %#", (request, message) => {
    expect(() => cohereEmbedV3.invoke(request)).toThrow(message);
  });

  it("v3 rejects images over 5 MB", () => {
    const big = Buffer.concat([pngBytes(100, 100), Buffer.alloc(5 * 1024 * 1024)]);
    expect(() => cohereEmbedV3.invoke({ images: [dataUri("image/png", big)], input_type: "image" })).toThrow(
      /exceeds the maximum image size of 5 MB/,
    );
  });

  it("v4 embeds images of four formats and interleaved inputs", () => {
    const images = [
      dataUri("image/png", pngBytes(10, 10)),
      dataUri("image/jpeg", jpegBytes(10, 10)),
      dataUri("image/webp", webpBytes(10, 10)),
      dataUri("image/gif", gifBytes(10, 10)),
    ];
    const byImages = cohereEmbedV4.invoke({ images, input_type: "search_document", output_dimension: 256 });
    const imageEmbeddings = (byImages.body as { embeddings: { float: number[][] } }).embeddings.float;
    expect(imageEmbeddings).toHaveLength(4);
    expect(imageEmbeddings[0]).toHaveLength(256);
    const inputs = [
      {
        content: [
          { type: "text", text: "a diagram of the pipeline" },
          { type: "image_url", image_url: { url: images[0] } },
        ],
      },
      { content: [{ type: "text", text: "only words here" }] },
    ];
    const byInputs = cohereEmbedV4.invoke({ inputs, input_type: "search_document" });
    const response = byInputs.body as { embeddings: { float: number[][] }; inputs: unknown; texts?: unknown };
    expect(response.embeddings.float).toHaveLength(2);
    expect(response.embeddings.float[1]).toHaveLength(1536);
    expect(response.inputs).toEqual(inputs);
    expect(response.texts).toBeUndefined();
    expect(byInputs.inputTokenCount).toBeGreaterThan(4);
  });

  it.each([
    [
      { images: Array(97).fill(dataUri("image/png", pngBytes(2, 2))), input_type: "clustering" },
      "#/images: expected maximum item count: 96, found: 97",
    ],
    [
      { texts: ["x"], images: [dataUri("image/png", pngBytes(2, 2))], input_type: "clustering" },
      "#: extraneous key [images] is not permitted",
    ],
    [
      { inputs: [{ content: [{ type: "video_url" }] }], input_type: "clustering" },
      "#/inputs/0/content/0/type: video_url is not a valid enum value",
    ],
    [
      { inputs: [{ content: [{ type: "image_url" }] }], input_type: "clustering" },
      "#/inputs/0/content/0: required key [image_url] not found",
    ],
    [
      { images: [dataUri("image/bmp", Buffer.from("BM"))], input_type: "clustering" },
      "unsupported image type image/bmp",
    ],
  ])("v4 rejects %#", (request, message) => {
    expect(() => cohereEmbedV4.invoke(request)).toThrow(message);
  });
});
