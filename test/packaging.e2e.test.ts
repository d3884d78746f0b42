import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileProject, createFreshProject, runProgram } from "./packaging/fresh-project.js";
import { packPackages } from "./packaging/pack-packages.js";
import { packageProblems } from "./packaging/package-problems.js";
import { unpackTarball } from "./packaging/tarball.js";
import { root } from "./support/run-cli.js";

// Packs every package as it would be published, installs the tarballs with plain npm into an empty
// project (everything else comes from the npm registry) and runs the README's examples there.
describe("published packages", () => {
  let workspace: string;
  let project: string;
  let tarballs: string[];

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), "packaging-e2e-"));
    project = join(workspace, "app");
    await mkdir(project);
    tarballs = await packPackages(root, join(workspace, "tarballs"));
    await createFreshProject(root, project, tarballs);
    await compileProject(root, project);
  }, 240_000);

  afterAll(async () => {
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it("packs every package with versions, LICENSE, README, full exports and only shipped sources", async () => {
    expect(tarballs).toHaveLength(9);
    const problems: Record<string, string[]> = {};
    for (const tarball of tarballs) {
      const unpacked = await unpackTarball(tarball, join(workspace, "unpacked", basename(tarball)));
      problems[basename(tarball)] = await packageProblems(unpacked);
    }
    expect(problems).toEqual(Object.fromEntries(tarballs.map((tarball) => [basename(tarball), []])));
  });

  it("runs the direct embedder example against the packed emulator", async () => {
    const run = await runProgram(project, "direct-embedder");
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")).toEqual([
      "dimension 1024",
      "2 document vectors of 1024",
      "query vector of 1024",
      expect.stringMatching(/^calls 1, input tokens [1-9]\d*$/),
      "",
    ]);
  });

  it("runs the LangChain vector store example without @langchain/aws installed", async () => {
    const run = await runProgram(project, "langchain-vector-store", { withoutLangChainAws: true });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^\d\.\d{3} A marathon is about 42 kilometres long$/);
  });

  it("runs the memory example, which finds only alice's memories", async () => {
    const run = await runProgram(project, "memory");
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Alice is vegetarian/);
    expect(run.stdout).not.toMatch(/steak/);
  });

  it("runs the config file example", async () => {
    const run = await runProgram(project, "config-file-app");
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/: 2 vectors of 512 dimensions/);
  });

  it("gives the LangChain package the app's @langchain/core (a peer), not a second copy", async () => {
    const installed = join(project, "node_modules");
    const manifest = JSON.parse(await readFile(join(installed, "@langchain/core/package.json"), "utf8"));
    expect(manifest.version).toBe("1.3.5");
    expect(existsSync(join(installed, "@bedrock-embeddings/langchain/node_modules/@langchain/core"))).toBe(
      false,
    );
  });
});
