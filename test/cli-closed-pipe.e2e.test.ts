import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertCliBuilt, root } from "./support/run-cli.js";

describe("a reader that closes the pipe early (| head)", () => {
  it("ends the CLI quietly with exit 0, without an EPIPE stack", async () => {
    assertCliBuilt();
    const bin = join(root, "packages/cli/bin/bedrock-embeddings.js");
    // A real shell pipe into head, which exits after one line; PIPESTATUS[0] is the CLI's exit code.
    const script = `"${process.execPath}" "${bin}" models --json | head -1 >/dev/null; exit \${PIPESTATUS[0]}`;
    const child = spawn("bash", ["-c", script], { env: { PATH: process.env["PATH"] ?? "" } });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toContain("EPIPE");
    expect(code).toBe(0);
  });
});
