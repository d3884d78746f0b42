import { ConfigurationError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readLiteLlmConfig } from "./litellm-config.js";

const ENVIRONMENT = {
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "example-secret",
  LITELLM_MASTER_KEY: "sk-master",
};

function read(yaml: string) {
  return readLiteLlmConfig(parse(yaml), ENVIRONMENT, "config.yaml");
}

function refusal(yaml: string): ConfigurationError {
  try {
    read(yaml);
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("readLiteLlmConfig", () => {
  it("honours the Bedrock embedding keys, os.environ/ values and the master key", () => {
    const server = read(`
model_list:
  - model_name: titan-embed
    litellm_params:
      model: bedrock/amazon.titan-embed-text-v2:0
      aws_region_name: eu-west-1
      aws_access_key_id: os.environ/AWS_ACCESS_KEY_ID
      aws_secret_access_key: os.environ/AWS_SECRET_ACCESS_KEY
      dimensions: 256
      max_retries: 2
      timeout: 30
      rpm: 600
    model_info: { mode: embedding }
  - model_name: cohere-profile
    litellm_params:
      model: bedrock/arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123
  - model_name: cohere-invoke
    litellm_params: { model: bedrock/invoke/cohere.embed-english-v3, aws_profile_name: prod }
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
`);
    expect(server.apiKeys).toEqual(["sk-master"]);
    expect(server.host).toBe("127.0.0.1");
    expect(server.models.map((model) => model.name)).toEqual([
      "titan-embed",
      "cohere-profile",
      "cohere-invoke",
    ]);
    expect(server.models[0]!.embedder.config).toMatchObject({
      model: "amazon.titan-embed-text-v2:0",
      region: "eu-west-1",
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example-secret" },
      dimensions: 256,
      maxAttempts: 3,
      requestTimeoutMs: 30_000,
      requestsPerMinute: 600,
    });
    expect(server.models[1]!.embedder.config.model).toBe(
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123",
    );
    expect(server.models[2]!.embedder.config).toMatchObject({
      model: "cohere.embed-english-v3",
      profile: "prod",
    });
  });

  it.each([
    [
      "a non-Bedrock model",
      "model_list:\n  - model_name: gpt\n    litellm_params: { model: openai/text-embedding-3-small }",
      "model_list[0].litellm_params.model",
    ],
    [
      "an unsupported param",
      "model_list:\n  - model_name: t\n    litellm_params: { model: bedrock/amazon.titan-embed-text-v2:0, drop_params: true }",
      "model_list[0].litellm_params.drop_params",
    ],
    [
      "a chat entry",
      "model_list:\n  - model_name: t\n    litellm_params: { model: bedrock/amazon.titan-embed-text-v2:0 }\n    model_info: { mode: chat }",
      "model_list[0].model_info.mode",
    ],
    [
      "the converse route",
      "model_list:\n  - model_name: t\n    litellm_params: { model: bedrock/converse/amazon.titan-embed-text-v2:0 }",
      "model_list[0].litellm_params.model",
    ],
    [
      "litellm_settings",
      "model_list:\n  - model_name: t\n    litellm_params: { model: bedrock/amazon.titan-embed-text-v2:0 }\nlitellm_settings: { drop_params: true }",
      "litellm_settings",
    ],
    [
      "a general setting other than master_key",
      "model_list:\n  - model_name: t\n    litellm_params: { model: bedrock/amazon.titan-embed-text-v2:0 }\ngeneral_settings: { database_url: x }",
      "general_settings.database_url",
    ],
    [
      "an unset os.environ variable",
      "model_list:\n  - model_name: t\n    litellm_params: { model: bedrock/amazon.titan-embed-text-v2:0, api_key: os.environ/NOT_SET }",
      "model_list[0].litellm_params.api_key",
    ],
  ])("refuses %s by name", (_name, yaml, path) => {
    const error = refusal(yaml);
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
    expect(error.file).toBe("config.yaml");
  });
});
