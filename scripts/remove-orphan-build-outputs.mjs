// Run before the build: `tsc -b` never deletes the output of a source file that was removed or
// renamed, and such leftovers would be packed and published with the package.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const packagesDirectory = new URL("../packages/", import.meta.url);
const OUTPUT_SUFFIXES = [".d.ts.map", ".js.map", ".d.ts", ".js"];

for (const name of readdirSync(packagesDirectory)) {
  const packageDirectory = new URL(`${name}/`, packagesDirectory).pathname;
  const dist = join(packageDirectory, "dist");
  if (!existsSync(dist)) continue;
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const suffix = OUTPUT_SUFFIXES.find((candidate) => entry.name.endsWith(candidate));
    if (suffix === undefined) continue;
    const relative = join(entry.parentPath, entry.name).slice(dist.length + 1);
    const stem = relative.slice(0, -suffix.length);
    const sources = [".ts", ".mts"].map((extension) => join(packageDirectory, "src", stem + extension));
    if (!sources.some((source) => existsSync(source))) rmSync(join(entry.parentPath, entry.name));
  }
}
