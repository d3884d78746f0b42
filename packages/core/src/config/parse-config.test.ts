import { describe, expect, it } from "vitest";
import { bedrockEmbedderOptionsSchema } from "./bedrock-embedder-options.js";
import { parseWithSchema } from "./parse-config.js";

describe("parseWithSchema on typed objects", () => {
  it("leaves values alone when no environment is given, so secrets keep their $", () => {
    const options = parseWithSchema(bedrockEmbedderOptionsSchema, {
      credentials: { accessKeyId: "AKID", secretAccessKey: "pa$$word${NOT_A_VAR}" },
    });
    expect(options.credentials?.secretAccessKey).toBe("pa$$word${NOT_A_VAR}");
  });

  it("is idempotent on already validated options", () => {
    const once = parseWithSchema(bedrockEmbedderOptionsSchema, {
      embedding_dims: 512,
      aws_region: "eu-west-1",
    });
    expect(parseWithSchema(bedrockEmbedderOptionsSchema, once)).toEqual(once);
    expect(once).toMatchObject({ dimensions: 512, region: "eu-west-1" });
  });

  it("interpolates when an environment is given", () => {
    const options = parseWithSchema(
      bedrockEmbedderOptionsSchema,
      { region: "${REGION}" },
      { environment: { REGION: "ap-south-1" } },
    );
    expect(options.region).toBe("ap-south-1");
  });
});
