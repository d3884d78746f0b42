import { BedrockRuntimeClient, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { ConfigurationError } from "@bedrock-embeddings/core";
import { describe, expect, it, vi } from "vitest";
import { transportClient } from "../fake-bedrock.test-helpers.js";
import { authModeFor, buildClientConfig, createBedrockClient, resolveRegion } from "./create-client.js";
import { captureResponseHeaders } from "./token-count-middleware.js";

describe("region", () => {
  it("prefers the option, then AWS_REGION, then AWS_DEFAULT_REGION", () => {
    const environment = { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "ap-south-1" };
    expect(resolveRegion({ region: "us-east-1" }, environment)).toBe("us-east-1");
    expect(resolveRegion({}, environment)).toBe("eu-west-1");
    expect(resolveRegion({}, { AWS_DEFAULT_REGION: "ap-south-1" })).toBe("ap-south-1");
    expect(resolveRegion({}, { AWS_REGION: "", AWS_DEFAULT_REGION: "ap-south-1" })).toBe("ap-south-1");
  });

  it("is a ConfigurationError when missing", () => {
    expect(() => resolveRegion({}, {})).toThrowError(ConfigurationError);
    expect(() => resolveRegion({}, {})).toThrow(/region: no AWS region is configured.*AWS_REGION/);
  });
});

describe("client configuration", () => {
  it("turns off SDK retries and passes the endpoint and profile", () => {
    const config = buildClientConfig(
      { region: "us-east-1", endpoint: "http://127.0.0.1:4010", profile: "dev" },
      {},
    );
    expect(config).toEqual({
      region: "us-east-1",
      maxAttempts: 1,
      endpoint: "http://127.0.0.1:4010",
      profile: "dev",
      authSchemePreference: ["sigv4"],
    });
    expect(authModeFor({ profile: "dev" }, {})).toBe("profile");
  });

  it("passes explicit credentials with a session token", () => {
    const credentials = { accessKeyId: "AKID", secretAccessKey: "s3cret", sessionToken: "tok" };
    expect(buildClientConfig({ region: "us-east-1", credentials }, {}).credentials).toEqual(credentials);
    expect(
      buildClientConfig({ region: "us-east-1", credentials: { accessKeyId: "A", secretAccessKey: "B" } }, {})
        .credentials,
    ).toEqual({
      accessKeyId: "A",
      secretAccessKey: "B",
    });
  });

  it("sends an API key as a bearer token, from the option or AWS_BEARER_TOKEN_BEDROCK", () => {
    expect(buildClientConfig({ region: "us-east-1", apiKey: "ABSK-option" }, {})).toMatchObject({
      token: { token: "ABSK-option" },
      authSchemePreference: ["httpBearerAuth"],
    });
    expect(
      buildClientConfig({ region: "us-east-1" }, { AWS_BEARER_TOKEN_BEDROCK: "ABSK-env" }).token,
    ).toEqual({ token: "ABSK-env" });
  });

  it("explicit credentials beat a bearer token in the environment; no auth means the default chain", () => {
    const config = buildClientConfig(
      { region: "us-east-1", credentials: { accessKeyId: "A", secretAccessKey: "B" } },
      { AWS_BEARER_TOKEN_BEDROCK: "ABSK-env" },
    );
    expect(config.token).toBeUndefined();
    expect(config.authSchemePreference).toEqual(["sigv4"]);
    expect(authModeFor({}, {})).toBe("default-chain");
    const chain = buildClientConfig({ region: "us-east-1" }, {});
    expect(chain.credentials).toBeUndefined();
    expect(chain.token).toBeUndefined();
    expect(chain.authSchemePreference).toBeUndefined();
  });

  it("creates a real client", async () => {
    const client = createBedrockClient({ region: "eu-central-1" }, {});
    expect(client).toBeInstanceOf(BedrockRuntimeClient);
    expect(await client.config.region()).toBe("eu-central-1");
    expect(await client.config.maxAttempts()).toBe(1);
  });
});

describe("auth on the wire", () => {
  const authorizationSent = async (config: ReturnType<typeof buildClientConfig>) => {
    let authorization: string | undefined;
    const client = new BedrockRuntimeClient({
      ...config,
      requestHandler: {
        handle: async (request: { headers: Record<string, string> }) => {
          authorization = request.headers["authorization"] ?? request.headers["Authorization"];
          return { response: { statusCode: 200, headers: {}, body: new TextEncoder().encode("{}") } };
        },
      },
    });
    await client.send(new InvokeModelCommand({ modelId: "m", body: new TextEncoder().encode("{}") }));
    return authorization;
  };

  it("sends the API key as a bearer token", async () => {
    expect(await authorizationSent(buildClientConfig({ region: "us-east-1", apiKey: "ABSK-wire" }, {}))).toBe(
      "Bearer ABSK-wire",
    );
  });

  it("signs with explicit keys even when the process has a Bedrock bearer token", async () => {
    vi.stubEnv("AWS_BEARER_TOKEN_BEDROCK", "ABSK-from-process");
    try {
      const config = buildClientConfig(
        { region: "us-east-1", credentials: { accessKeyId: "AKIDWIRE", secretAccessKey: "s" } },
        {},
      );
      expect(await authorizationSent(config)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDWIRE\//);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("response header capture", () => {
  it("reads the token count and request id through the real SDK, without touching the client's stack", async () => {
    const { client, seen } = transportClient(() => ({
      statusCode: 200,
      headers: { "x-amzn-bedrock-input-token-count": "17", "x-amzn-requestid": "abc-123" },
      body: { embeddings: [[1]] },
    }));
    const before = client.middlewareStack.identify();
    const command = new InvokeModelCommand({
      modelId: "cohere.embed-v4:0",
      body: new TextEncoder().encode("{}"),
    });
    const headers = captureResponseHeaders(command);
    await client.send(command);
    expect(headers).toEqual({ inputTokenCount: 17, requestId: "abc-123", httpStatus: 200 });
    expect(client.middlewareStack.identify()).toEqual(before);
    expect(seen[0]?.path).toBe("/model/cohere.embed-v4%3A0/invoke");
  });

  it("leaves the token count undefined when the header is missing or not a number", async () => {
    const { client } = transportClient(() => ({
      statusCode: 200,
      headers: { "x-amzn-bedrock-input-token-count": "n/a" },
      body: {},
    }));
    const command = new InvokeModelCommand({ modelId: "m", body: new TextEncoder().encode("{}") });
    const headers = captureResponseHeaders(command);
    await client.send(command);
    expect(headers.inputTokenCount).toBeUndefined();
  });
});
