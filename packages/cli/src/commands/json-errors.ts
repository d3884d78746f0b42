import type { Command } from "commander";
import type { CliIo } from "../cli-io.js";

/**
 * Gives every command without subcommands a `--json` option (errors as one JSON line on stderr, as
 * `runCli` writes them) unless it has its own, and makes commander's usage errors (unknown
 * option, missing argument) that JSON line too when `--json` was given, without the help text.
 * Call it once every command is registered.
 *
 * @example
 * acceptJsonErrors(program, io);
 */
export function acceptJsonErrors(program: Command, io: CliIo): void {
  // Commander keeps the arguments of the running parse in `rawArgs` (set by parse, not in its typings).
  const jsonWanted = () => argumentsWantJson((program as unknown as { rawArgs: readonly string[] }).rawArgs);
  for (const command of commandTree(program)) {
    // A parent's option would take `--json` away from its subcommands, so only leaves get one.
    const isLeaf = command.commands.length === 0 && command !== program;
    if (isLeaf && !command.options.some((option) => option.long === "--json")) {
      command.option("--json", "print errors as one JSON line on stderr");
    }
    command.configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // In JSON mode stderr carries only the JSON line; commander's help after an error is left out.
      writeErr: (text) => (jsonWanted() ? undefined : io.stderr.write(text)),
      outputError: (text, write) =>
        jsonWanted() ? io.stderr.write(formatUsageErrorJson(text)) : write(text),
    });
  }
}

/**
 * A commander usage error as the JSON line `--json` runs print: exit code 2, like every usage problem.
 *
 * @example
 * formatUsageErrorJson("error: unknown option '--topk'\n(Did you mean --top-k?)\n");
 * // {"error":"unknown option '--topk' (Did you mean --top-k?)","code":"USAGE","fix":"...","exitCode":2}\n
 */
export function formatUsageErrorJson(text: string): string {
  const error = text
    .replace(/^error: /, "")
    .trim()
    .split("\n")
    .join(" ");
  return `${JSON.stringify({ error, code: "USAGE", fix: "See the command's --help.", exitCode: 2 })}\n`;
}

/**
 * True when `--json` is among the options (anything after `--` is an argument).
 *
 * @example
 * argumentsWantJson(["embed", "--json", "--", "--json"]); // true
 */
export function argumentsWantJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}

function commandTree(command: Command): Command[] {
  return [command, ...command.commands.flatMap(commandTree)];
}
