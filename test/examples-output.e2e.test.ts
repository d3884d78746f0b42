import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./support/run-cli.js";

/** Runs an example with tsx as `pnpm --filter @bedrock-embeddings/examples run <name>` does. */
function runExample(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Without the variable the tests themselves set, as a user's shell would be.
  const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _set, ...environment } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), file], {
      cwd: join(root, "examples"),
      env: environment,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("examples run as a user runs them", () => {
  it("print no AWS SDK Node version notice", async () => {
    const run = await runExample("memory.ts");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Alice is vegetarian");
    expect(run.stderr).not.toContain("NodeVersionSupportWarning");
  });
});
