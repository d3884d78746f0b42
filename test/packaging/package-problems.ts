import { readFile } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";
import type { UnpackedTarball } from "./tarball.js";

interface Manifest {
  name: string;
  engines?: { node?: string };
  exports?: Record<string, Record<string, string>>;
}

interface SourceMap {
  sourceRoot?: string;
  sources: string[];
}

/**
 * What keeps an unpacked package tarball from installing and working anywhere, one line per problem;
 * empty when it is publishable.
 *
 * @example
 * expect(await packageProblems(await unpackTarball(tarball, directory))).toEqual([]);
 */
export async function packageProblems({ directory, files }: UnpackedTarball): Promise<string[]> {
  const text = await readFile(join(directory, "package.json"), "utf8");
  const manifest = JSON.parse(text) as Manifest;
  const shipped = new Set(files);
  const problems: string[] = [];
  if (text.includes("workspace:")) problems.push("package.json keeps a workspace: protocol");
  if (manifest.engines?.node !== ">=20") problems.push('engines.node is not ">=20"');
  for (const required of ["LICENSE", "README.md"]) {
    if (!shipped.has(required)) problems.push(`no ${required}`);
  }
  for (const [subpath, conditions] of Object.entries(manifest.exports ?? {})) {
    for (const condition of ["types", "import", "default"]) {
      const target = conditions[condition];
      if (target === undefined) problems.push(`exports["${subpath}"] has no ${condition} condition`);
      else if (!shipped.has(normalize(target)))
        problems.push(`exports["${subpath}"].${condition} ${target} is not shipped`);
    }
  }
  for (const file of files) {
    if (file.endsWith(".tsbuildinfo")) problems.push(`${file} is a build cache`);
    if (/\.test(-helpers)?\.[cm]?[jt]s$|\.test(-helpers)?\.d\.ts/.test(file))
      problems.push(`${file} is test code`);
  }
  for (const map of files.filter((file) => file.endsWith(".map"))) {
    const { sourceRoot = "", sources } = JSON.parse(
      await readFile(join(directory, map), "utf8"),
    ) as SourceMap;
    for (const source of sources) {
      const target = normalize(join(dirname(map), sourceRoot, source));
      if (!shipped.has(target)) {
        problems.push(
          `${map} points at ${target}, which is not shipped (a stale dist? rebuild it from empty)`,
        );
      }
    }
  }
  return problems;
}
