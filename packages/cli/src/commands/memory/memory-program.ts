import { type Command, InvalidArgumentError } from "commander";
import type { CliIo } from "../../cli-io.js";
import { configOption } from "../../config-option.js";
import { memoryAddCommand } from "./add-command.js";
import { memoryDeleteCommand } from "./delete-command.js";
import { memoryExportCommand } from "./export-command.js";
import { memoryGetCommand } from "./get-command.js";
import { memoryHistoryCommand } from "./history-command.js";
import { memoryImportCommand } from "./import-command.js";
import { memoryListCommand } from "./list-command.js";
import { memoryReembedCommand } from "./reembed-command.js";
import { memoryResetCommand } from "./reset-command.js";
import { memorySearchCommand } from "./search-command.js";
import { memoryUpdateCommand } from "./update-command.js";

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidArgumentError("expected a whole number of at least 1.");
  return value;
}

function similarity(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < -1 || value > 1) {
    throw new InvalidArgumentError("expected a cosine similarity from -1 to 1.");
  }
  return value;
}

/** A memory subcommand with `--config` and `--json`. */
function memoryCommand(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .addOption(configOption())
    .option("--json", "JSON lines on stdout; notes and errors as JSON on stderr");
}

function withScope(command: Command, role = "scope"): Command {
  return command
    .option("--user <id>", `user ${role}`)
    .option("--agent <id>", `agent ${role}`)
    .option("--run <id>", `run ${role}`);
}

/**
 * `bedrock-embeddings memory ...`: add, search, list, get, update, delete, history, reset, export,
 * import, reembed, on the config's `vector_store`.
 */
export function addMemoryCommands(program: Command, io: CliIo): void {
  const memory = program
    .command("memory")
    .description("a persistent memory scoped by user, agent or run, on the config's vector_store");

  withScope(memoryCommand(memory, "add", "add memories: the texts given, or one per stdin line"))
    .argument("[texts...]", "texts to remember; reads stdin when none are given")
    .option("--metadata <json>", "JSON object stored with each memory")
    .action((texts: string[], options) => memoryAddCommand(texts, options, io));

  withScope(memoryCommand(memory, "search", "the scope's memories most similar to a query"))
    .argument("<query>")
    .option("--top-k <n>", "results to return (default: memory.top_k)", positiveInteger)
    .option("--threshold <score>", "minimum cosine similarity (default: memory.threshold)", similarity)
    .action((query: string, options) => memorySearchCommand(query, options, io));

  withScope(memoryCommand(memory, "list", "a scope's memories, oldest first, a page at a time"))
    .option("--limit <n>", "memories per page (default 100)", positiveInteger)
    .option("--cursor <cursor>", "continue after the page that printed this cursor")
    .option("--all", "every page")
    .action((options) => memoryListCommand(options, io));

  withScope(memoryCommand(memory, "get", "one memory by id"), "scope the memory must belong to")
    .argument("<id>")
    .action((id: string, options) => memoryGetCommand(id, options, io));

  withScope(
    memoryCommand(memory, "update", "replace a memory's text (and metadata)"),
    "scope the memory must belong to",
  )
    .argument("<id>")
    .argument("<text>", "the new text")
    .option("--metadata <json>", "JSON object replacing the memory's metadata")
    .action((id: string, text: string, options) => memoryUpdateCommand(id, text, options, io));

  withScope(memoryCommand(memory, "delete", "delete a memory by id, or --all of a scope"))
    .argument("[id]")
    .option("--all", "delete every memory of the scope")
    .action((id: string | undefined, options) => memoryDeleteCommand(id, options, io));

  withScope(
    memoryCommand(memory, "history", "every recorded change of a memory"),
    "scope the memory must belong to",
  )
    .argument("<id>")
    .action((id: string, options) => memoryHistoryCommand(id, options, io));

  memoryCommand(memory, "reset", "delete every memory and all history, and forget the store's model")
    .option("--yes", "confirm")
    .action((options) => memoryResetCommand(options, io));

  withScope(memoryCommand(memory, "export", "write memories as JSON lines (all, or a scope's)"))
    .option("--vectors", "include each stored vector with its model and dimension")
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action((options) => memoryExportCommand(options, io));

  memoryCommand(memory, "import", "read JSON lines from memory export (a file, or stdin)")
    .argument("[file]", "JSON lines file, or - for stdin (the default)")
    .option("--skip-invalid", "skip invalid lines (each reported on stderr) instead of stopping")
    .option("--batch-size <n>", "lines embedded and written together (default 100)", positiveInteger)
    .action((file: string | undefined, options) => memoryImportCommand(file, options, io));

  memoryCommand(
    memory,
    "reembed",
    "copy every memory into the store of another config, embedded by its model",
  )
    .requiredOption("--to <config>", "config file of the new store and embedder")
    .option("--batch-size <n>", "memories embedded and written together (default 100)", positiveInteger)
    .action((options) => memoryReembedCommand(options, io));
}
