import { BatchEmbeddingError } from "@bedrock-embeddings/core";
import { createTestPng } from "@bedrock-embeddings/core/testing";
import { describe, expect, it } from "vitest";
import { BedrockEmbedder } from "../bedrock-embedder.js";
import { awsError, fakeClient, vectorOf } from "../fake-bedrock.test-helpers.js";

const cohere = "cohere.embed-v4:0";
const images = Array.from({ length: 12 }, (_unused, index) =>
  createTestPng({ width: 2, height: 2, rgb: [index * 20, 10, 10] }),
);
const poison = Buffer.from(images[7]!).toString("base64");

/** Cohere v4 over a fake client that rejects, for its content, any call carrying image 7. */
function withOneBadImage() {
  return fakeClient((request) => {
    const sent = request.body["images"] as string[];
    if (sent.some((uri) => uri.endsWith(poison))) {
      throw awsError("ValidationException", 400, "Invalid image in request");
    }
    return { embeddings: { float: sent.map((_uri, offset) => vectorOf(256, offset + 1)) } };
  });
}

describe("images through the pipeline", () => {
  it("a packed image call rejected for one image is split until that image fails alone", async () => {
    const fake = withOneBadImage();
    const embedder = new BedrockEmbedder({ model: cohere, client: fake.client, dimensions: 256 });
    const error = (await embedder
      .embedInputs(images.map((bytes) => ({ image: { bytes } })))
      .catch((caught: unknown) => caught)) as BatchEmbeddingError;
    expect(BatchEmbeddingError.isInstance(error)).toBe(true);
    expect(error.failures.map((failure) => failure.index)).toEqual([7]);
    expect(error.failures[0]?.error).toMatchObject({
      awsErrorName: "ValidationException",
      failedIndexes: [7],
    });
    expect(error.results?.filter((result) => result !== undefined)).toHaveLength(11);
    // One packed call, then halves down to the bad image: far fewer than 12 single calls.
    expect(fake.requests[0]?.body["images"]).toHaveLength(12);
    expect(fake.send.mock.calls.length).toBeLessThanOrEqual(9);
  });

  it("settle resolves per-index results and failures instead of throwing", async () => {
    const fake = withOneBadImage();
    const embedder = new BedrockEmbedder({ model: cohere, client: fake.client, dimensions: 256 });
    const inputs = [images[0]!, images[7]!, images[0]!].map((bytes) => ({ image: { bytes } }));
    const { results, failures, usage } = await embedder.embedInputsDetailed(inputs, "add", { settle: true });
    expect(results.map((result) => result?.vector?.length)).toEqual([256, undefined, 256]);
    expect(failures.map((failure) => failure.index)).toEqual([1]);
    expect(usage.calls).toBe(fake.send.mock.calls.length);
  });

  it("with settle, an input failing the pre-send checks fails alone and is never sent", async () => {
    const fake = withOneBadImage();
    const embedder = new BedrockEmbedder({ model: cohere, client: fake.client, dimensions: 256 });
    const inputs = [
      { image: { bytes: images[0]! } },
      { audio: { bytes: images[1]! } },
      { image: { bytes: images[2]! } },
    ];
    const { results, failures } = await embedder.embedInputsDetailed(inputs, "add", { settle: true });
    expect(results.map((result) => result?.vector?.length)).toEqual([256, undefined, 256]);
    expect(failures).toEqual([{ index: 1, error: expect.objectContaining({ code: "INPUT", index: 1 }) }]);
    expect(JSON.stringify(fake.requests.map((request) => request.body))).not.toContain("audio");
  });

  it("sends texts and images of one run under the same concurrency bound", async () => {
    let inFlight = 0;
    let most = 0;
    const fake = fakeClient(async (request) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      const count = ((request.body["images"] ?? request.body["texts"]) as unknown[]).length;
      return { embeddings: { float: Array.from({ length: count }, () => vectorOf(1024)) } };
    });
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-english-v3",
      client: fake.client,
      maxConcurrency: 2,
      adaptive: false,
      initialConcurrency: 2,
    });
    const inputs = images.map((bytes) => ({ image: { bytes } }));
    await Promise.all([
      embedder.embedInputs(inputs),
      embedder.embedBatch(["a", "b"]),
      embedder.embedInputs(inputs),
    ]);
    expect(most).toBe(2);
  });
});
