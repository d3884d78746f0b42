import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "packages/cli/bin/bedrock-embeddings.js");
const demoConfig = join(root, "examples/demo.yaml");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  args: string[],
  options: { input?: string; environment?: Record<string, string> } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: workDirectory,
      env: { PATH: process.env["PATH"] ?? "", ...options.environment },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

let workDirectory: string;
beforeAll(async () => {
  if (!existsSync(join(root, "packages/cli/dist/index.js"))) {
    throw new Error(
      "The CLI is not built: run `pnpm build` (the README's test command does) before the e2e tests.",
    );
  }
  workDirectory = await mkdtemp(join(tmpdir(), "cli-e2e-"));
});
afterAll(async () => {
  await rm(workDirectory, { recursive: true, force: true });
});

describe("bedrock-embeddings CLI as a child process", () => {
  it("runs the demo end to end on the embedded emulator", async () => {
    const result = await run(["demo", "--config", demoConfig], {
      environment: { DEMO_DATA_DIRECTORY: join(workDirectory, "demo") },
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("local emulator at http://127.0.0.1:");
    expect(result.stdout).toMatch(
      /search as alice \(only alice's memories\): "what does alice drink in the morning\?"\n\s+1\. \d\.\d{4} {2}Alice drinks green tea every morning/,
    );
    const bobSection = result.stdout
      .split('search as bob (only bob\'s memories): "is anyone allergic to peanuts?"')[1]!
      .split("3. LangChain")[0]!;
    expect(bobSection).not.toContain("Alice");
    expect(result.stdout).toMatch(/query: "capital of Portugal"\n\s+1\. \d\.\d{4} {2}\[lisbon\]/);
  });

  it("embeds stdin lines as JSON lines with the configured dimension", async () => {
    const result = await run(["embed", "--config", demoConfig], { input: "first line\n\nthird line\n" });
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map(
        (line) => JSON.parse(line) as { index: number; line: number; dimension: number; vector: number[] },
      );
    expect(lines.map((line) => [line.index, line.line, line.dimension])).toEqual([
      [0, 1, 512],
      [1, 3, 512],
    ]);
    expect(lines[0]!.vector).toHaveLength(512);
    expect(result.stderr).toMatch(/embedded 2 texts .* in 2 calls/);
  });

  it("names the stdin line of a bad input, since blank lines are skipped, and keeps the others", async () => {
    const result = await run(["embed", "--config", demoConfig], { input: "fine\n\n   \n" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("input 1 (stdin line 3) failed: the text is empty or only whitespace");
    expect(JSON.parse(result.stdout)).toMatchObject({ index: 0, line: 1, dimension: 512 });
  });

  it("adds and searches memories across separate processes", async () => {
    const environment = { DEMO_DATA_DIRECTORY: join(workDirectory, "memory") };
    const add = await run(
      [
        "memory",
        "add",
        "--config",
        demoConfig,
        "--user",
        "carol",
        "Carol collects vinyl records",
        "Carol hates mushrooms",
      ],
      { environment },
    );
    expect(add.code).toBe(0);
    expect(add.stdout.trim().split("\n")).toHaveLength(2);
    await run(
      ["memory", "add", "--config", demoConfig, "--user", "dave", "Dave collects vinyl records too"],
      { environment },
    );
    const search = await run(
      ["memory", "search", "--config", demoConfig, "--user", "carol", "--json", "vinyl records"],
      { environment },
    );
    expect(search.code).toBe(0);
    const hits = search.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { rank: number; memory: string; score: number });
    expect(hits[0]).toMatchObject({ rank: 1, memory: "Carol collects vinyl records" });
    expect(hits.some((hit) => hit.memory.startsWith("Dave"))).toBe(false);
  });

  it("fails with exit code 2 and the file and line for a bad config", async () => {
    const file = join(workDirectory, "bad.yaml");
    await writeFile(
      file,
      "emulator:\n  embedded: true\nembedder:\n  provider: aws_bedrock\n  config:\n    model: amazon.titan-embed-text-v2:0\n    dimensions: 300\n",
    );
    const result = await run(["embed", "--config", file, "hello"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:7: embedder.config.dimensions`);
    expect(result.stderr).toMatch(/256, 512, 1024/);
  });

  it("serves the emulator until killed, printing its URL", async () => {
    const child: ChildProcess = spawn(process.execPath, [bin, "emulator", "--port", "0"], {
      cwd: workDirectory,
    });
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout!.on("data", (chunk) => {
        output += chunk;
        const match = /listening at (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.on("error", reject);
      child.on("exit", (code) => reject(new Error(`emulator exited early with ${code}`)));
    });
    const health = await fetch(`${url}/_emulator/health`);
    expect(health.status).toBe(200);
    const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
