import { CommanderError } from "commander";
import { type CliIo, processIo } from "./cli-io.js";
import { exitCodeFor, formatError, formatErrorJson } from "./format-error.js";
import { buildProgram } from "./program.js";

export type { CliIo } from "./cli-io.js";

/**
 * Runs the CLI and resolves to its exit code; never calls `process.exit`.
 *
 * @example
 * const code = await runCli(["embed", "--config", "app.yaml", "hello"]);
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.stderr.write(wantsJson(argv) ? formatErrorJson(error) : formatError(error));
    return exitCodeFor(error);
  }
}

// Options end at "--"; anything after it is an argument, even if it reads "--json".
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}
