import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../index.js";

// Usage problems are found before the config is read, so the config file need not exist.
const CONFIG = ["--config", "never-read.yaml"];

async function cli(argv: string[], stdin: string[] = []) {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(stdin),
    environment: {},
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe("memory commands: usage problems exit 2 with the flag to change", () => {
  it.each([
    [["memory", "add", ...CONFIG, "text"], "no scope given", "--user, --agent or --run"],
    [["memory", "add", ...CONFIG, "--user", "   ", "text"], "--user is empty", "--user alice"],
    [["memory", "add", ...CONFIG, "--user", "a", "fine", " "], "text 2 is empty", "non-empty"],
    [
      ["memory", "add", ...CONFIG, "--user", "a", "--metadata", "[1]", "x"],
      "--metadata must be a JSON object",
      "--metadata '{",
    ],
    [
      ["memory", "add", ...CONFIG, "--user", "a", "--metadata", "{oops", "x"],
      "--metadata is not valid JSON",
      "--metadata '{",
    ],
    [["memory", "search", ...CONFIG, "query"], "no scope given", "--user"],
    [["memory", "list", ...CONFIG, "--user", "a", "--cursor", " "], "--cursor is empty", "stderr"],
    [["memory", "get", ...CONFIG, "  "], "no memory id given", "memory add, list or search"],
    [["memory", "update", ...CONFIG, "m1", "  "], "the new text is empty", "new text"],
    [["memory", "delete", ...CONFIG], "nothing to delete", "--all with --user"],
    [["memory", "delete", ...CONFIG, "--all"], "no scope given", "--user"],
    [["memory", "delete", ...CONFIG, "m1", "--all", "--user", "a"], "both a memory id and --all", "--all"],
    [["memory", "reset", ...CONFIG], "cannot be undone", "--yes"],
    [["memory", "import", ...CONFIG, "no-such-file.jsonl"], "cannot read no-such-file.jsonl", "pass -"],
    [["memory", "reembed", ...CONFIG, "--to", " "], "--to is empty", "config file"],
  ])("%j", async (argv, problem, fix) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(problem);
    expect(result.stderr).toContain(fix);
  });

  it.each([
    [["memory", "search", ...CONFIG, "--user", "a", "--top-k", "0", "q"], "--top-k"],
    [["memory", "search", ...CONFIG, "--user", "a", "--threshold", "2", "q"], "--threshold"],
    [["memory", "list", ...CONFIG, "--user", "a", "--limit", "1.5"], "--limit"],
    [["memory", "reembed", ...CONFIG], "--to"],
  ])("rejects flag values: %j", async (argv, flag) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(flag);
  });

  it("writes the error as one JSON line on stderr with --json", async () => {
    const result = await cli(["memory", "search", ...CONFIG, "--json", "query"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(JSON.parse(result.stderr)).toMatchObject({
      error: expect.stringContaining("no scope given"),
      code: "CONFIGURATION",
      fix: expect.stringContaining("--user"),
      exitCode: 2,
    });
  });

  it("keeps an argument after -- that reads --json as text, erroring in plain text", async () => {
    const result = await cli(["memory", "add", ...CONFIG, "--", "--json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: no scope given/);
  });
});
