import { describe, expect, it } from "vitest";
import { configError } from "./config-error.test-helpers.js";
import { parseConfigText } from "./load-config.js";

const MODELS = [
  "  models:",
  "    - name: titan-v2",
  "      embedder: { provider: aws_bedrock, config: { model: amazon.titan-embed-text-v2:0, dimensions: 512 } }",
];

describe("the server: section", () => {
  it("fills defaults (loopback, port 4000, no keys, access log off) and needs no top-level embedder", () => {
    const config = parseConfigText(["server:", ...MODELS].join("\n"), "server.yaml");
    expect(config.server).toMatchObject({
      host: "127.0.0.1",
      port: 4000,
      apiKeys: [],
      accessLog: false,
      models: [
        {
          name: "titan-v2",
          embedder: { config: { model: "amazon.titan-embed-text-v2:0", dimensions: 512 } },
        },
      ],
    });
    expect(config.embedder.provider).toBe("aws_bedrock");
  });

  it("reads keys from ${VAR}, as strings or with limits and allowed aliases", () => {
    const config = parseConfigText(
      [
        "server:",
        "  host: 0.0.0.0",
        "  port: 0",
        "  api_keys:",
        '    - "${TEAM_A_KEY}"',
        '    - { key: "${TEAM_B_KEY}", requests_per_minute: 60, tokens_per_minute: 10000, models: [titan-v2] }',
        ...MODELS,
      ].join("\n"),
      "server.yaml",
      { environment: { TEAM_A_KEY: "sk-a", TEAM_B_KEY: "sk-b" } },
    );
    expect(config.server?.apiKeys).toEqual([
      "sk-a",
      { key: "sk-b", requestsPerMinute: 60, tokensPerMinute: 10000, models: ["titan-v2"] },
    ]);
    expect(config.server?.port).toBe(0);
  });

  it("refuses a host other machines can reach when there are no api_keys, naming the key", () => {
    const error = configError(() =>
      parseConfigText(["server:", "  host: 0.0.0.0", ...MODELS].join("\n"), "server.yaml"),
    );
    expect(error.message).toContain("set server.api_keys");
    expect(error.message).toContain("0.0.0.0");
    expect(error.file).toBe("server.yaml");
  });

  it("refuses an alias listed twice and an unknown key, with their paths", () => {
    const twice = configError(() =>
      parseConfigText(
        ["server:", ...MODELS, "    - name: titan-v2", "      embedder: { provider: aws_bedrock }"].join(
          "\n",
        ),
        "server.yaml",
      ),
    );
    expect(twice.path).toBe("server.models.1.name");
    const unknown = configError(() =>
      parseConfigText(["server:", "  prot: 4000", ...MODELS].join("\n"), "server.yaml"),
    );
    expect(unknown.message).toContain("prot");
  });
});
