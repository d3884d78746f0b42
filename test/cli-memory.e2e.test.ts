import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { assertCliBuilt, type CliRun, runCli } from "./support/run-cli.js";

const TITAN = "amazon.titan-embed-text-v2:0";

interface Item {
  id: string;
  memory: string;
  userId?: string;
  metadata?: Record<string, unknown>;
  updatedAt?: string;
}

function run(args: string[], input = ""): Promise<CliRun> {
  return runCli(args, { cwd: workDirectory, input });
}

function jsonLines<T>(text: string): T[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

let workDirectory: string;
let emulator: RunningEmulator;

/** A config in its own folder: the store path is relative, so it resolves against that folder. */
async function writeConfig(name: string, dimensions: number, storeFolder = "store"): Promise<string> {
  const folder = join(workDirectory, name);
  await mkdir(folder, { recursive: true });
  const file = join(folder, "app.yaml");
  await writeFile(
    file,
    stringify({
      embedder: {
        provider: "aws_bedrock",
        config: {
          model: TITAN,
          region: "us-east-1",
          endpoint: emulator.url,
          credentials: EMULATOR_DEFAULT_CREDENTIALS,
          dimensions,
        },
      },
      vector_store: { provider: "file", config: { path: storeFolder } },
    }),
  );
  return file;
}

/** `memory <command> --config <config> ...` as a child process. */
function memory(config: string, command: string, args: string[] = [], input = ""): Promise<CliRun> {
  return run(["memory", command, "--config", config, ...args], input);
}

beforeAll(async () => {
  assertCliBuilt();
  workDirectory = await mkdtemp(join(tmpdir(), "cli-memory-e2e-"));
  emulator = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator?.close();
  await rm(workDirectory, { recursive: true, force: true });
});

describe("bedrock-embeddings memory commands", () => {
  it("adds from stdin, lists a page at a time with a cursor, and streams every page with --all", async () => {
    const config = await writeConfig("pages", 256);
    const added = await memory(config, "add", ["--user", "erin", "--json"], "one\n\n   \ntwo\nthree\n");
    expect(added.code).toBe(0);
    expect(jsonLines<Item>(added.stdout).map((item) => [item.memory, item.userId])).toEqual([
      ["one", "erin"],
      ["two", "erin"],
      ["three", "erin"],
    ]);
    expect(jsonLines(added.stderr)).toEqual([{ added: 3 }]);
    expect(existsSync(join(workDirectory, "pages", "store"))).toBe(true);

    const first = await memory(config, "list", ["--user", "erin", "--limit", "2", "--json"]);
    expect(first.code).toBe(0);
    expect(jsonLines<Item>(first.stdout).map((item) => item.memory)).toEqual(["one", "two"]);
    const { nextCursor } = jsonLines<{ nextCursor: string }>(first.stderr)[0]!;
    const second = await memory(config, "list", ["--user", "erin", "--limit", "2", "--cursor", nextCursor]);
    expect(second.stdout).toMatch(/^\S+ {2}three\n$/);
    expect(second.stderr).toBe("");

    const all = await memory(config, "list", ["--user", "erin", "--limit", "2", "--all"]);
    expect(all.stdout.trim().split("\n")).toHaveLength(3);
    expect(all.stderr).toBe("");
  });

  it("gets, updates and shows the history of a memory, checking the scope when one is given", async () => {
    const config = await writeConfig("by-id", 256);
    const added = await memory(config, "add", ["--user", "frank", "--json", "Frank plays the cello"]);
    const { id } = jsonLines<Item>(added.stdout)[0]!;

    const got = await memory(config, "get", [id, "--user", "frank"]);
    expect(got.code).toBe(0);
    expect(got.stdout).toContain("memory: Frank plays the cello\nuser: frank\n");

    const elsewhere = await memory(config, "get", [id, "--user", "grace"]);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain(`Memory "${id}" does not exist`);
    expect(elsewhere.stderr).toContain("--user/--agent/--run");

    const updated = await memory(config, "update", [
      id,
      "Frank plays the viola",
      "--metadata",
      '{"instrument":"viola"}',
      "--json",
    ]);
    expect(updated.code).toBe(0);
    const [item] = jsonLines<Item>(updated.stdout);
    expect(item).toMatchObject({ id, memory: "Frank plays the viola", metadata: { instrument: "viola" } });
    expect(item?.updatedAt).toEqual(expect.any(String));

    const notMine = await memory(config, "update", [id, "changed", "--agent", "someone"]);
    expect(notMine.code).toBe(1);

    const history = await memory(config, "history", [id, "--json"]);
    expect(
      jsonLines<{ event: string; previousValue: string | null; newValue: string }>(history.stdout).map(
        (entry) => [entry.event, entry.previousValue, entry.newValue],
      ),
    ).toEqual([
      ["ADD", null, "Frank plays the cello"],
      ["UPDATE", "Frank plays the cello", "Frank plays the viola"],
    ]);
  });

  it("deletes by id and by scope, saying how many memories were deleted", async () => {
    const config = await writeConfig("deletes", 256);
    const added = await memory(config, "add", ["--user", "hana", "--json", "first", "second"]);
    const [first] = jsonLines<Item>(added.stdout);

    const notHers = await memory(config, "delete", [first!.id, "--user", "ida"]);
    expect(notHers.code).toBe(1);
    expect(notHers.stderr).toContain("does not exist");
    const one = await memory(config, "delete", [first!.id, "--user", "hana"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(`Deleted memory ${first!.id}.\n`);

    const deleted = await memory(config, "delete", ["--all", "--user", "hana"]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toBe("Deleted 1 memory.\n");

    const again = await memory(config, "delete", ["--all", "--user", "hana"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("No memory matched that scope; nothing was deleted.\n");
    expect(again.stdout).not.toContain("successfully");
  });

  it("exports, imports (reusing vectors, idempotently) and reports invalid lines", async () => {
    const source = await writeConfig("export-source", 256);
    await memory(source, "add", ["--user", "ivan", "--metadata", '{"topic":"food"}', "Ivan loves ramen"]);
    await memory(source, "add", ["--agent", "helper", "Answer in French"]);
    const file = join(workDirectory, "memories.jsonl");
    const exported = await memory(source, "export", ["--vectors", "--output", file]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain(`exported 2 memories to ${file}`);
    const lines = jsonLines<{ id: string; model: string; dimension: number; vector: number[] }>(
      await readFile(file, "utf8"),
    );
    expect(lines.map((line) => [line.model, line.dimension, line.vector.length])).toEqual([
      [TITAN, 256, 256],
      [TITAN, 256, 256],
    ]);

    const target = await writeConfig("import-target", 256);
    const imported = await memory(target, "import", [file, "--json"]);
    expect(imported.code).toBe(0);
    expect(jsonLines(imported.stdout)).toEqual([
      { added: 2, updated: 0, unchanged: 0, skipped: 0, embedded: 0, reusedVectors: 2 },
    ]);
    const again = await memory(target, "import", ["-"], await readFile(file, "utf8"));
    expect(again.stdout).toContain("0 added, 0 updated, 2 already stored");

    const got = await memory(target, "get", [lines[0]!.id, "--json"]);
    expect(jsonLines<Item>(got.stdout)[0]).toMatchObject({
      memory: "Ivan loves ramen",
      metadata: { topic: "food" },
    });

    const bad = `${JSON.stringify({ id: "n1", memory: "fine", user_id: "ivan" })}\n{"id":"n2","user_id":"ivan"}\n`;
    const stopped = await memory(target, "import", [], bad);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain("line 2: memory must be a non-empty string");
    expect(stopped.stderr).toContain("--skip-invalid");
    expect(stopped.stderr).not.toContain("skipInvalid");

    const skipping = await memory(target, "import", ["--skip-invalid"], bad);
    expect(skipping.code).toBe(1);
    expect(skipping.stdout).toContain("1 skipped");
    expect(skipping.stderr).toContain("skipped line 2: memory must be a non-empty string");
  });

  it("re-embeds every memory into another store and model dimension, resumably, never into itself", async () => {
    const source = await writeConfig("reembed-source", 256);
    await memory(source, "add", ["--user", "jo", "Jo grows tomatoes", "Jo keeps bees"]);
    await memory(source, "add", ["--run", "r7", "The run asked for a summary"]);
    const target = await writeConfig("reembed-target", 512);

    const same = await run(["memory", "reembed", "--config", source, "--to", source]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("names the same store");

    const moved = await run(["memory", "reembed", "--config", source, "--to", target, "--json"]);
    expect(moved.code).toBe(0);
    expect(jsonLines(moved.stdout)[0]).toMatchObject({ copied: 3, alreadyThere: 0, model: TITAN });

    const listed = await memory(target, "list", ["--user", "jo", "--json"]);
    expect(jsonLines<Item>(listed.stdout).map((item) => item.memory)).toEqual([
      "Jo grows tomatoes",
      "Jo keeps bees",
    ]);
    const found = await memory(target, "search", ["--run", "r7", "--json", "summary"]);
    expect(jsonLines<Item>(found.stdout)[0]?.memory).toBe("The run asked for a summary");
    expect((await memory(source, "list", ["--user", "jo"])).stdout.trim().split("\n")).toHaveLength(2);

    const resumed = await run(["memory", "reembed", "--config", source, "--to", target]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain("re-embedded 0 memories");
    expect(resumed.stdout).toContain("(3 already there)");
  });

  it("explains a changed dimension with the CLI's way out, which memory reset --yes takes", async () => {
    const original = await writeConfig("changed", 256);
    await memory(original, "add", ["--user", "kim", "Kim likes jazz"]);
    const changed = join(workDirectory, "changed", "changed.yaml");
    await writeFile(
      changed,
      (await readFile(original, "utf8")).replace("dimensions: 256", "dimensions: 512"),
    );

    const locked = await memory(changed, "list", ["--user", "kim"]);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toContain("256-dimensional");
    expect(locked.stderr).toContain("memory reset --yes");
    expect(locked.stderr).toContain("memory reembed");
    expect(locked.stderr).not.toContain("memory.reset()");

    const reset = await memory(changed, "reset", ["--yes"]);
    expect(reset.code).toBe(0);
    const empty = await memory(changed, "list", ["--user", "kim"]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe("");
    expect(empty.stderr).toContain("no memories in this scope");
  });
});
