import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { bedrockRuntimeUrl, checkEndpoint } from "./endpoint-check.js";

function listen(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer((socket) => socket.end());
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ port, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

describe("bedrockRuntimeUrl", () => {
  it("takes the configured endpoint, then the SDK's environment variables, then the region's endpoint", () => {
    const environment = {
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: "http://127.0.0.1:4010",
      AWS_ENDPOINT_URL: "http://x",
    };
    expect(bedrockRuntimeUrl("eu-west-1", "http://vpce", environment)).toBe("http://vpce");
    expect(bedrockRuntimeUrl("eu-west-1", undefined, environment)).toBe("http://127.0.0.1:4010");
    expect(bedrockRuntimeUrl("eu-west-1", undefined, { AWS_ENDPOINT_URL: "http://x" })).toBe("http://x");
    expect(
      bedrockRuntimeUrl("eu-west-1", undefined, {
        ...environment,
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true",
      }),
    ).toBe("https://bedrock-runtime.eu-west-1.amazonaws.com");
  });
});

describe("checkEndpoint", () => {
  it("passes when the port accepts a connection and fails with the reason when it is closed", async () => {
    const server = await listen();
    const url = `http://127.0.0.1:${server.port}`;
    expect(await checkEndpoint(url)).toMatchObject({ status: "ok" });
    await server.close();
    const closed = await checkEndpoint(url);
    expect(closed.status).toBe("fail");
    expect(closed.detail).toContain("ECONNREFUSED");
    expect(closed.fix).toContain("--endpoint");
  });

  it("fails on a value that is not a URL", async () => {
    expect(await checkEndpoint("localhost 4010")).toMatchObject({ status: "fail" });
  });
});
