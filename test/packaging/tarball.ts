import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { runCommandOrThrow } from "../support/run-command.js";

/** A package tarball unpacked: its root folder and every file in it, relative to that root. */
export interface UnpackedTarball {
  directory: string;
  files: string[];
}

/**
 * Unpacks a package tarball into `destination` (npm's `package/` folder becomes the root).
 *
 * @example
 * const { directory, files } = await unpackTarball("core-0.1.0.tgz", "/tmp/core");
 * files.includes("dist/index.js"); // true
 */
export async function unpackTarball(tarball: string, destination: string): Promise<UnpackedTarball> {
  await mkdir(destination, { recursive: true });
  await runCommandOrThrow("tar", ["-xzf", tarball, "-C", destination], {
    cwd: destination,
    environment: process.env,
  });
  const directory = join(destination, "package");
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(directory.length + 1));
  return { directory, files };
}
