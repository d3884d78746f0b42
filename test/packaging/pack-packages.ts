import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { packageManagerEnvironment } from "../support/package-manager-environment.js";
import { runCommandOrThrow } from "../support/run-command.js";

/** The pnpm the repository's scripts use; pnpm replaces `workspace:*` with versions when it packs. */
const PNPM = ["-y", "pnpm@10.34.9"];

/**
 * Packs every package under packages/ (as built) into `destination`, as it would be published.
 *
 * @example
 * const tarballs = await packPackages(root, directory); // [".../bedrock-embeddings-core-0.1.0.tgz", ...]
 */
export async function packPackages(root: string, destination: string): Promise<string[]> {
  await runCommandOrThrow(
    "npx",
    [...PNPM, "-r", "--filter", "./packages/*", "pack", "--pack-destination", destination],
    { cwd: root, environment: packageManagerEnvironment(process.env) },
  );
  const names = await readdir(destination);
  return names.filter((name) => name.endsWith(".tgz")).map((name) => join(destination, name));
}
