import type { GetInferenceProfileCommand } from "@aws-sdk/client-bedrock";
import { BedrockApiError, ConfigurationError } from "@bedrock-embeddings/core";
import { describe, expect, it, vi } from "vitest";
import { BedrockEmbedder } from "../bedrock-embedder.js";
import { awsError, cohereReply, fakeClient } from "../fake-bedrock.test-helpers.js";
import type { ControlPlaneClient } from "./profile-target.js";

let counter = 0;
/** A fresh ARN per test: lookups are cached per ARN for the life of the process. */
const newArn = () => `arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/test${++counter}`;

/** A control-plane client answering GetInferenceProfile with `modelArn` (or throwing `error`). */
function fakeControlPlane(answer: { modelArn?: string; error?: Error }) {
  const send = vi.fn(async (command: GetInferenceProfileCommand) => {
    await new Promise((resolve) => setImmediate(resolve));
    if (answer.error) throw answer.error;
    const arn = command.input.inferenceProfileIdentifier;
    return {
      inferenceProfileArn: arn,
      inferenceProfileName: "app",
      inferenceProfileId: "id",
      status: "ACTIVE",
      type: "APPLICATION",
      models: answer.modelArn === undefined ? [] : [{ modelArn: answer.modelArn }],
      $metadata: {},
    };
  });
  return { client: { send } as unknown as ControlPlaneClient, send };
}

const instantly = { sleep: async () => {}, random: () => 0 };

describe("application inference profiles without family", () => {
  it("look up the family on first use, once for concurrent calls and for every embedder sharing the client", async () => {
    const arn = newArn();
    const controlPlane = fakeControlPlane({
      modelArn: "arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-v4:0",
    });
    const runtime = fakeClient((request) => cohereReply(request, 1536));
    const config = { model: arn, client: runtime.client, controlPlaneClient: controlPlane.client };
    const first = new BedrockEmbedder(config);
    const second = new BedrockEmbedder(config);
    expect(first.family).toBeUndefined();
    expect(first.dimension).toBeUndefined();

    const vectors = await Promise.all([
      first.embed("a", "search"),
      first.embed("b"),
      second.embedBatch(["c"]),
    ]);
    expect(vectors.flat().length).toBeGreaterThan(0);
    expect(controlPlane.send).toHaveBeenCalledTimes(1);
    expect(controlPlane.send.mock.calls[0]?.[0].input).toEqual({ inferenceProfileIdentifier: arn });
    expect(first.family).toBe("cohere-v4");
    expect(first.dimension).toBe(1536);
    expect(first.resolvedModel).toMatchObject({
      kind: "application-inference-profile",
      baseModelId: "cohere.embed-v4:0",
    });
    // The runtime call goes to the profile ARN with the looked-up family's body.
    expect(runtime.requests[0]?.modelId).toBe(arn);
    expect(runtime.requests.map((request) => request.body["input_type"])).toContain("search_query");
    expect(runtime.requests[0]?.body["output_dimension"]).toBe(1536);
  });

  it("knows the dimension from dimensions before the lookup, and checks it against the family after", async () => {
    const arn = newArn();
    const controlPlane = fakeControlPlane({
      modelArn: "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0",
    });
    const runtime = fakeClient(() => ({
      embedding: new Array<number>(256).fill(0.1),
      inputTextTokenCount: 1,
    }));
    const fits = new BedrockEmbedder({
      model: arn,
      dimensions: 256,
      client: runtime.client,
      controlPlaneClient: controlPlane.client,
    });
    expect(fits.dimension).toBe(256);
    expect(await fits.detectDimension()).toBe(256);
    expect(runtime.send).not.toHaveBeenCalled();

    const wrong = new BedrockEmbedder({
      model: arn,
      dimensions: 384,
      client: runtime.client,
      controlPlaneClient: controlPlane.client,
    });
    const error = await wrong.embed("x").catch((caught: unknown) => caught);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ path: "dimensions", allowed: [256, 512, 1024] });
    expect(runtime.send).not.toHaveBeenCalled();
  });

  it("detectDimension resolves a catalog model's dimension from the lookup alone", async () => {
    const controlPlane = fakeControlPlane({
      modelArn: "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-2-multimodal-embeddings-v1:0",
    });
    const runtime = fakeClient(() => ({}));
    const embedder = new BedrockEmbedder({
      model: newArn(),
      client: runtime.client,
      controlPlaneClient: controlPlane.client,
    });
    expect(await embedder.detectDimension()).toBe(3072);
    expect(runtime.send).not.toHaveBeenCalled();
  });

  it("a failed lookup is a BedrockApiError naming the ARN and suggesting family, retried on the next call", async () => {
    const arn = newArn();
    const denied = awsError(
      "AccessDeniedException",
      403,
      "not authorized to perform bedrock:GetInferenceProfile",
    );
    const controlPlane = fakeControlPlane({ error: denied });
    const runtime = fakeClient((request) => cohereReply(request));
    const embedder = new BedrockEmbedder(
      { model: arn, client: runtime.client, controlPlaneClient: controlPlane.client },
      instantly,
    );
    const error = await embedder.embed("x").catch((caught: unknown) => caught);
    expect(BedrockApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ awsErrorName: "AccessDeniedException", httpStatus: 403, modelId: arn });
    expect((error as BedrockApiError).message).toContain(arn);
    expect((error as BedrockApiError).fix).toMatch(/set family/);
    await embedder.embed("x").catch(() => undefined);
    expect(controlPlane.send).toHaveBeenCalledTimes(2);
    expect(runtime.send).not.toHaveBeenCalled();
  });

  it("a profile with no model, or a model this package does not know, is a ConfigurationError on family", async () => {
    for (const modelArn of [undefined, "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2"]) {
      const controlPlane = fakeControlPlane(modelArn === undefined ? {} : { modelArn });
      const embedder = new BedrockEmbedder({
        model: newArn(),
        client: fakeClient(() => ({})).client,
        controlPlaneClient: controlPlane.client,
      });
      const error = await embedder.embed("x").catch((caught: unknown) => caught);
      expect(ConfigurationError.isInstance(error)).toBe(true);
      expect((error as ConfigurationError).path).toBe("family");
      expect((error as ConfigurationError).message).toMatch(
        modelArn === undefined ? /lists no model/ : /anthropic/,
      );
    }
  });

  it("with an injected runtime client and no control-plane client, construction asks for family", () => {
    const runtime = fakeClient(() => ({}));
    expect(() => new BedrockEmbedder({ model: newArn(), client: runtime.client })).toThrow(/Set family/);
    expect(new BedrockEmbedder({ model: newArn(), family: "cohere-v3", client: runtime.client }).family).toBe(
      "cohere-v3",
    );
  });
});
