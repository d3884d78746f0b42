import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "./support/run-cli.js";

let directory: string;
beforeAll(async () => {
  assertCliBuilt();
  directory = await mkdtemp(join(tmpdir(), "cli-usage-errors-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("emulator port errors", () => {
  it("exits 2 with our own error and a fix for a port out of range", async () => {
    const run = await runCli(["emulator", "--port", "99999"], { cwd: directory });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --port: the emulator cannot start: port 99999 is not a TCP port/);
    expect(run.stderr).toContain("Set --port to a number from 0 to 65535");
    expect(run.stderr).not.toContain("RangeError");
  });

  it("exits 2 with our own error and a fix for a port in use", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const run = await runCli(["emulator", "--port", String(port)], { cwd: directory });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(
          `^error: --port: the emulator cannot start: port ${port} on 127\\.0\\.0\\.1 is already in use`,
        ),
      );
      expect(run.stderr).toContain("set --port to another port");
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});

describe("embedded emulator port errors", () => {
  it("exits 2 and names emulator.port when the configured port is in use", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const file = join(directory, "embedded.yaml");
      await writeFile(
        file,
        `emulator:\n  embedded: true\n  port: ${port}\nembedder:\n  provider: aws_bedrock\n`,
      );
      const run = await runCli(["embed", "--config", file, "hello"], { cwd: directory });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(run.stderr).toContain("set emulator.port to another port");
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});

describe("configuration file errors", () => {
  async function embedWith(name: string, text: string) {
    const file = join(directory, name);
    await writeFile(file, text);
    return { file, run: await runCli(["embed", "--config", file, "hello"], { cwd: directory }) };
  }

  it("names the key, the expected type and the value given, at file:line, without zod's dump", async () => {
    const { file, run } = await embedWith(
      "type.yaml",
      'embedder:\n  provider: aws_bedrock\n  config:\n    dimensions: "512"\n',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `error: ${file}:4: embedder.config.dimensions: expected an integer, got the string "512".`,
    );
    expect(run.stderr).not.toContain("is required");
    expect(run.stderr).not.toContain('"code": "invalid_type"');
  });

  it("suggests the key a misspelt one was meant to be", async () => {
    const { file, run } = await embedWith("typo.yaml", "embeder:\n  provider: aws_bedrock\n");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: ${file}:1: embeder: unknown key embeder; did you mean embedder?`);
  });
});

describe("a damaged memory store", () => {
  it("exits 1 (a failed operation, not a configuration problem) and says how to recover", async () => {
    const config = join(directory, "memory.yaml");
    const store = join(directory, "store");
    await writeFile(
      config,
      "emulator:\n  embedded: true\nembedder:\n  provider: aws_bedrock\n  config:\n    dimensions: 256\n" +
        `vector_store:\n  provider: file\n  config:\n    path: ${store}\n`,
    );
    for (const text of ["Alice likes tea", "Alice lives in Paris"]) {
      expect(
        (await runCli(["memory", "add", "--config", config, "--user", "alice", text], { cwd: directory }))
          .code,
      ).toBe(0);
    }
    // A flipped byte inside the first memory's record, with a valid record after it.
    const log = join(store, "memories.log");
    const bytes = await readFile(log);
    bytes[Math.floor(bytes.length / 3)]! ^= 0xff;
    await writeFile(log, bytes);
    const run = await runCli(["memory", "list", "--config", config, "--user", "alice"], { cwd: directory });
    expect(run.stderr).toContain("the memory log is damaged at byte");
    expect(run.stderr).toContain("Restore the file from a backup");
    expect(run.code).toBe(1);
  });
});
