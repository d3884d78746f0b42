import { readFileSync } from "node:fs";

/**
 * The CLI's version, read from its package.json (two folders up from both `src/commands` and
 * `dist/commands`), so `--version` can never drift from what was published.
 *
 * @example
 * program.version(cliVersion()); // "0.1.0"
 */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return manifest.version;
}
