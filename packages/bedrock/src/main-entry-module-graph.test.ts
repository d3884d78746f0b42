import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { staticPackageImports } from "./static-imports.test-helpers.js";

const workspaceRoot = fileURLToPath(new URL("../../..", import.meta.url));
const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url));

describe("the module graph of each entry point", () => {
  it("main entry loads the runtime client only: no S3 or control-plane client", () => {
    const loaded = staticPackageImports(entry("./index.ts"), workspaceRoot);
    expect(loaded).toContain("@aws-sdk/client-bedrock-runtime");
    expect(loaded).not.toContain("@aws-sdk/client-s3");
    expect(loaded).not.toContain("@aws-sdk/client-bedrock");
  });

  it("jobs entry loads the S3 and control-plane clients it needs", () => {
    const loaded = staticPackageImports(entry("./jobs/index.ts"), workspaceRoot);
    expect(loaded).toContain("@aws-sdk/client-s3");
    expect(loaded).toContain("@aws-sdk/client-bedrock");
  });
});
