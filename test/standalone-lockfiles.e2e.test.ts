import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageManagerEnvironment } from "./support/package-manager-environment.js";
import { root } from "./support/run-cli.js";
import { runCommand } from "./support/run-command.js";

// benchmarks/ and test/mem0ai/ are installed on their own (`npm run bench`, `npm run setup`) with a
// frozen lockfile; pnpm refuses one whose settings differ from the project's .npmrc. Checking the
// lockfile alone takes seconds, where the full benchmark install compiles better-sqlite3.
describe.each(["benchmarks", "test/mem0ai"])("the standalone project %s", (project) => {
  it("has a lockfile that a frozen install accepts", async () => {
    const run = await runCommand(
      "npx",
      ["-y", "pnpm@10.34.9", "install", "--ignore-workspace", "--frozen-lockfile", "--lockfile-only"],
      { cwd: join(root, project), environment: packageManagerEnvironment(process.env) },
    );
    expect(run.stderr + run.stdout).not.toMatch(/ERR_PNPM/);
    expect(run.code).toBe(0);
  });
});
