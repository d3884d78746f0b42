import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KNOWN_MODEL_IDS } from "@bedrock-embeddings/bedrock";
import { loadConfig } from "@bedrock-embeddings/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, root, runCli } from "./support/run-cli.js";

let workDirectory: string;
const cli = (args: string[], environment: Record<string, string> = {}) =>
  runCli(args, { cwd: workDirectory, environment });

beforeAll(async () => {
  assertCliBuilt();
  workDirectory = await mkdtemp(join(tmpdir(), "cli-setup-e2e-"));
});
afterAll(async () => {
  await rm(workDirectory, { recursive: true, force: true });
});

/** A loopback port nothing listens on: bound once to get a free number, then closed. */
function closedPort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }),
  );
}

describe("bedrock-embeddings --version and help", () => {
  it("prints the CLI package's version", async () => {
    const manifest = JSON.parse(await readFile(join(root, "packages/cli/package.json"), "utf8"));
    const result = await cli(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
  });

  it("shows examples in the program's help and in each new command's", async () => {
    const program = await cli(["--help"]);
    expect(program.stdout).toContain("Examples:\n  $ bedrock-embeddings init");
    expect(program.stdout).toContain(
      "Exit codes: 0 success, 1 a failed operation, 2 a configuration or usage problem.",
    );
    for (const command of ["models", "init", "doctor", "emulator"]) {
      const help = await cli([command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Examples:\n  $ bedrock-embeddings ${command}`);
    }
  });
});

describe("bedrock-embeddings models", () => {
  it("prints one JSON line per catalog model with dimensions, limits and prices", async () => {
    const result = await cli(["models", "--json"]);
    expect(result.code).toBe(0);
    const rows = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows.map((row) => row.id)).toEqual(KNOWN_MODEL_IDS);
    expect(rows.find((row) => row.id === "cohere.embed-v4:0")).toMatchObject({
      family: "cohere-v4",
      modalities: ["text", "image", "text-image"],
      dimensions: [1536, 1024, 512, 256],
      textsPerCall: 96,
      prices: [{ unit: "1M text tokens", usd: 0.12, unconfirmed: false }],
    });
  });

  it("prints a table with a header and every model id", async () => {
    const result = await cli(["models"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^MODEL +FAMILY +ACCEPTS +DIMENSIONS +PER CALL +TEXT LIMIT +PRICE \(USD\)\n/,
    );
    for (const id of KNOWN_MODEL_IDS) expect(result.stdout).toContain(id);
    expect(result.stdout).toMatch(
      /amazon\.titan-embed-text-v2:0 +titan-text-v2 +text +1024, 512, 256 .*\$0\.02\/1M text tokens/,
    );
  });
});

describe("bedrock-embeddings init and doctor", () => {
  it("writes an emulator config that doctor passes, one ok line per check", async () => {
    const written = await cli(["init", "--output", "local.yaml"]);
    expect(written).toMatchObject({ code: 0, stderr: "" });
    const doctor = await cli(["doctor", "--config", "local.yaml"]);
    expect(doctor.stderr).toBe("");
    expect(doctor.code).toBe(0);
    const checks = doctor.stdout.split("\n").filter((line) => /^(ok|fail|skip) /.test(line));
    expect(checks.map((line) => line.slice(6, 19).trim())).toEqual([
      "config",
      "region",
      "credentials",
      "endpoint",
      "model access",
      "memory store",
    ]);
    expect(checks.every((line) => line.startsWith("ok "))).toBe(true);
    expect(doctor.stdout).toContain(
      "amazon.titan-embed-text-v2:0 answered one call with a 512-dimensional vector",
    );
    expect(doctor.stdout).toContain(`file ${join(workDirectory, ".data/memory")} collection memories`);
  });

  it("refuses to overwrite a file without --force (exit 2, file unchanged) and overwrites with it", async () => {
    const file = join(workDirectory, "mine.yaml");
    await writeFile(file, "# my own settings\n");
    const refused = await cli(["init", "--aws", "--output", "mine.yaml"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("mine.yaml already exists; nothing was written. Pass --force");
    expect(await readFile(file, "utf8")).toBe("# my own settings\n");
    const forced = await cli(["init", "--aws", "--output", "mine.yaml", "--force"]);
    expect(forced.code).toBe(0);
    expect(await readFile(file, "utf8")).toContain("region: ${AWS_REGION:-us-east-1}");
  });

  it("writes an AWS config the real loader reads, with credentials only as hints", async () => {
    expect((await cli(["init", "--aws", "--output", "aws.yaml"])).code).toBe(0);
    const config = await loadConfig(join(workDirectory, "aws.yaml"), {
      environment: { AWS_REGION: "eu-west-1" },
    });
    expect(config.emulator.embedded).toBe(false);
    expect(config.embedder.config).toMatchObject({
      model: "amazon.titan-embed-text-v2:0",
      region: "eu-west-1",
    });
    expect(config.embedder.config.credentials).toBeUndefined();
  });

  it("fails the endpoint check against a closed port, skips the call, exits 1 and prints no secret", async () => {
    expect((await cli(["init", "--aws", "--output", "closed.yaml"])).code).toBe(0);
    const port = await closedPort();
    const environment = { AWS_ACCESS_KEY_ID: "AKIDCLOSEDPORT", AWS_SECRET_ACCESS_KEY: "closed-port-secret" };
    const args = ["doctor", "--config", "closed.yaml", "--endpoint", `http://127.0.0.1:${port}`];
    const doctor = await cli(args, environment);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(
      new RegExp(
        `^fail  endpoint +cannot connect to http://127\\.0\\.0\\.1:${port}: ECONNREFUSED.* Fix: `,
        "m",
      ),
    );
    expect(doctor.stdout).toMatch(/^skip {2}model access +needs a reachable endpoint$/m);
    expect(doctor.stdout).toMatch(/^ok {4}credentials +default chain: access keys from AWS_ACCESS_KEY_ID/m);
    expect(doctor.stderr).toBe(
      "error: 1 of 6 doctor checks failed (endpoint); each line above says how to fix it.\n",
    );
    expect(doctor.stdout + doctor.stderr).not.toContain("closed-port-secret");

    const json = await cli([...args, "--json"], environment);
    expect(json.code).toBe(1);
    const checks = json.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(checks.find((check) => check.check === "endpoint")).toMatchObject({ status: "fail" });
    expect(JSON.parse(json.stderr)).toMatchObject({ exitCode: 1 });
  });

  it("reports an invalid config as the failed config check with its line, and skips the rest", async () => {
    await writeFile(
      join(workDirectory, "bad.yaml"),
      "embedder:\n  provider: aws_bedrock\n  config:\n    dimensions: 300\n",
    );
    const doctor = await cli(["doctor", "--config", "bad.yaml"]);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/^fail {2}config +bad\.yaml:4: .*dimensions/m);
    expect(doctor.stdout).toContain("1 failed (config), 5 skipped");
  });
});

describe("bedrock-embeddings emulator prints the credentials it accepts", () => {
  let emulator: ChildProcess;
  let output = "";
  beforeAll(async () => {
    emulator = spawn(
      process.execPath,
      [join(root, "packages/cli/bin/bedrock-embeddings.js"), "emulator", "--port", "0"],
      {
        env: { PATH: process.env["PATH"] ?? "" },
      },
    );
    emulator.stdout!.on("data", (chunk) => (output += chunk));
    const deadline = Date.now() + 10_000;
    while (
      !output.includes("Bedrock emulator listening at") ||
      (!output.includes("credentials: {") && Date.now() < deadline)
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  afterAll(() => {
    emulator.kill("SIGTERM");
  });

  it("prints keys and env lines that doctor (and so the SDK) can use as they are", async () => {
    expect(output).toContain("access key id      AKIDEMULATOR");
    expect(output).toContain("API key            emulator-api-key");
    const exports = [...output.matchAll(/^ {2}export (.+)$/gm)].flatMap((match) => match[1]!.split(" "));
    const environment = Object.fromEntries(exports.map((pair) => pair.split("=") as [string, string]));
    expect(Object.keys(environment)).toEqual([
      "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_REGION",
    ]);
    const doctor = await cli(["doctor"], environment);
    expect(doctor.stderr).toBe("");
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toMatch(/^ok {4}model access +amazon\.titan-embed-text-v2:0 answered one call/m);
    expect(doctor.stdout).toMatch(/^skip {2}memory store +needs --config/m);
  });
});

describe("--json errors", () => {
  it("turns a usage error of any command into one JSON line on stderr, exit 2, without the help", async () => {
    for (const args of [
      ["init", "--bogus", "--json"],
      ["embed", "--no-such-flag", "--json"],
      ["batch", "status", "--json"],
    ]) {
      const result = await cli(args);
      expect(result.code).toBe(2);
      const lines = result.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ code: "USAGE", exitCode: 2 });
    }
  });

  it("prints a command's own failure as JSON with its code and fix", async () => {
    await writeFile(join(workDirectory, "taken.yaml"), "");
    const result = await cli(["init", "--output", "taken.yaml", "--json"]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr)).toMatchObject({
      code: "CONFIGURATION",
      fix: "Pass --force to overwrite it, or choose another file with --output <file>.",
      exitCode: 2,
    });
  });
});
