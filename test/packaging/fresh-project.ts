import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { packageManagerEnvironment } from "../support/package-manager-environment.js";
import { type CommandRun, runCommand, runCommandOrThrow } from "../support/run-command.js";

/** The README's examples (from examples/), compiled and run in the fresh project. */
export const EXAMPLE_PROGRAMS = [
  "direct-embedder",
  "langchain-vector-store",
  "memory",
  "config-file-app",
] as const;
const EXAMPLE_FILES = [...EXAMPLE_PROGRAMS.map((name) => `${name}.ts`), "local-bedrock.ts", "aws.yaml"];
const LOADER_FILES = ["without-langchain-aws.mjs", "langchain-aws-missing-hooks.mjs"];
// What a user adds for the LangChain example: the framework, with @langchain/core on another 1.x
// than the one this repository builds with (1.4.0), as in an app that had it before adding ours.
const PEER_PACKAGES = ["@langchain/core@1.3.5", "@langchain/classic@1.0.50"];

/**
 * An empty npm project in `directory` with the tarballs installed by plain npm (from the registry
 * for everything else), plus the examples and a tsconfig as a user would write them.
 *
 * @example
 * await createFreshProject(root, directory, tarballs);
 * await compileProject(root, directory);
 * const run = await runProgram(directory, "memory");
 */
export async function createFreshProject(root: string, directory: string, tarballs: readonly string[]) {
  await writeFile(
    join(directory, "package.json"),
    JSON.stringify({ name: "fresh-app", private: true, type: "module" }),
  );
  await runCommandOrThrow("npm", ["install", "--no-audit", "--no-fund", ...tarballs, ...PEER_PACKAGES], {
    cwd: directory,
    environment: packageManagerEnvironment(process.env),
  });
  for (const file of EXAMPLE_FILES) await copyFile(join(root, "examples", file), join(directory, file));
  for (const file of LOADER_FILES) await copyFile(join(root, "test/packaging", file), join(directory, file));
  await writeFile(join(directory, "tsconfig.json"), JSON.stringify(userTsconfig(root), null, 2));
}

/**
 * Type-checks the examples against the installed packages' published types and emits them as
 * JavaScript next to their sources, with the repository's TypeScript.
 *
 * @example
 * await compileProject(root, directory);
 */
export async function compileProject(root: string, directory: string): Promise<void> {
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  await runCommandOrThrow(process.execPath, [tsc, "-p", "tsconfig.json"], {
    cwd: directory,
    environment: { PATH: process.env["PATH"] ?? "" },
  });
}

/**
 * Runs one compiled example with only PATH in its environment (so the example starts its own
 * emulator), optionally with @langchain/aws made unresolvable.
 *
 * @example
 * const { code, stdout } = await runProgram(directory, "langchain-vector-store", { withoutLangChainAws: true });
 */
export function runProgram(
  directory: string,
  program: (typeof EXAMPLE_PROGRAMS)[number],
  options: { withoutLangChainAws?: boolean } = {},
): Promise<CommandRun> {
  const preload = options.withoutLangChainAws ? ["--import", "./without-langchain-aws.mjs"] : [];
  return runCommand(process.execPath, [...preload, `${program}.js`], {
    cwd: directory,
    environment: { PATH: process.env["PATH"] ?? "" },
  });
}

// The tsconfig of a typical Node 20 ESM app; @types/node comes from the repository to save a download.
function userTsconfig(root: string) {
  return {
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2023"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      skipLibCheck: true,
      types: ["node"],
      typeRoots: [join(root, "node_modules/@types")],
    },
    include: ["*.ts"],
  };
}
