import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startTestPostgres,
  type TestPostgres,
} from "../packages/memory/src/pgvector/testing/postgres-fixture.js";
import { assertCliBuilt, type CliRun, root, runCli } from "./support/run-cli.js";

let workDirectory: string;
let postgres: TestPostgres;

beforeAll(async () => {
  assertCliBuilt();
  workDirectory = await mkdtemp(join(tmpdir(), "demo-stores-e2e-"));
  postgres = await startTestPostgres();
});
afterAll(async () => {
  await postgres?.close();
  await rm(workDirectory, { recursive: true, force: true });
});

function run(args: string[], environment: Record<string, string>): Promise<CliRun> {
  return runCli(args, { cwd: workDirectory, environment });
}

/** The demo twice on one store, then the CLI's memory list on the same config sees alice's memories once. */
async function demoTwiceThenList(config: string, environment: Record<string, string>): Promise<string[]> {
  const first = await run(["demo", "--config", config], environment);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/alice: \d memories added\n/);
  expect(first.stdout).toMatch(/1\. \d\.\d{4} {2}Alice drinks green tea every morning/);
  const second = await run(["demo", "--config", config], environment);
  expect(second.code).toBe(0);
  expect(second.stdout).toMatch(/alice: (\d) memories added \(replacing \1 from an earlier run\)/);
  const listed = await run(["memory", "list", "--config", config, "--user", "alice", "--json"], environment);
  expect(listed.stderr).toBe("");
  expect(listed.code).toBe(0);
  return listed.stdout
    .trim()
    .split("\n")
    .map((line) => (JSON.parse(line) as { memory: string }).memory);
}

describe("the demo on each store, and the CLI finding its memories afterwards", () => {
  it("on the embedded file store", async () => {
    const memories = await demoTwiceThenList(join(root, "examples/demo.yaml"), {
      DEMO_DATA_DIRECTORY: join(workDirectory, "file-store"),
    });
    expect(memories).toContain("Alice drinks green tea every morning");
    expect(new Set(memories).size).toBe(memories.length);
  });

  it("on Postgres with pgvector", async () => {
    const memories = await demoTwiceThenList(join(root, "examples/demo-pgvector.yaml"), {
      DATABASE_URL: postgres.connectionString,
    });
    expect(memories).toContain("Alice drinks green tea every morning");
    expect(new Set(memories).size).toBe(memories.length);
    const wrong = await run(
      ["memory", "list", "--config", join(root, "examples/demo-pgvector.yaml"), "--user", "alice"],
      {
        DATABASE_URL: "postgresql://demo:s3cret-password@127.0.0.1:9/nowhere",
      },
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain("127.0.0.1:9");
    expect(wrong.stderr).not.toContain("s3cret-password");
  });
});
