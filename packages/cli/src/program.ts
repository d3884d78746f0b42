import { Command, InvalidArgumentError, Option } from "commander";
import type { CliIo } from "./cli-io.js";
import { batchFetchCommand, batchStatusCommand, batchSubmitCommand } from "./commands/batch-command.js";
import { demoCommand } from "./commands/demo-command.js";
import { embedCommand } from "./commands/embed-command.js";
import { addEmbedOutputOptions, addEmbedSourceOptions, EMBED_HELP } from "./commands/embed-options.js";
import {
  collectFault,
  emulatorCommand,
  nonNegativeNumber,
  seedInteger,
} from "./commands/emulator-command.js";
import { addMemoryCommands } from "./commands/memory/memory-program.js";
import { addServeCommand } from "./commands/serve-program.js";
import { addSetupCommands } from "./commands/setup-commands.js";
import { configOption } from "./config-option.js";

function integer(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError("expected a whole number.");
  return value;
}

/** The `bedrock-embeddings` command tree. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("bedrock-embeddings")
    .description("AWS Bedrock embeddings for memory and RAG apps, driven by a config file")
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride()
    .showHelpAfterError();

  program
    .command("demo")
    .description("embed a corpus, add and search memories for two users, query a LangChain vector store")
    .addOption(configOption())
    .option("--corpus <file>", "corpus JSON (default: corpus.json beside the config)")
    .action((options) => demoCommand(options, io));

  const embed = program
    .command("embed")
    .description("embed texts (arguments, or one per stdin line) and print JSON lines")
    .argument("[texts...]", "texts to embed; reads stdin when none are given");
  addEmbedSourceOptions(embed)
    .addOption(
      new Option("--action <action>", "memory action").choices(["add", "update", "search"]).default("add"),
    )
    .option("--image <file>", "embed an image file instead of texts (a multimodal model)")
    .option("--s3 <uri>", "embed an S3 object with async invoke (Nova or Marengo; needs --type)")
    .addOption(
      new Option("--type <type>", "what the --s3 object is").choices(["video", "audio", "image", "text"]),
    )
    .option("--segment-seconds <n>", "audio/video segment length in seconds (async)", integer)
    .option("--segment-chars <n>", "longest text segment in characters (async, Nova)", integer)
    .option("--resume <invocationArn>", "wait for an async invocation started earlier and print its segments")
    .option("--progress", "show a progress bar on stderr even when it is not a terminal")
    .option("--no-progress", "never show a progress bar");
  addEmbedOutputOptions(embed)
    .addHelpText("after", EMBED_HELP)
    .action((texts: string[], options) => embedCommand(texts, options, io));

  addMemoryCommands(program, io);

  const batch = program
    .command("batch")
    .description("batch inference jobs for large corpora (S3 and a service role)");
  batch
    .command("submit")
    .description("submit one text per stdin line (or the arguments) as a batch job; prints the job ARN")
    .argument("[texts...]", "texts to embed; reads stdin when none are given")
    .addOption(configOption())
    .addOption(
      new Option("--action <action>", "memory action").choices(["add", "update", "search"]).default("add"),
    )
    .option("--name <jobName>", "job name (default: from the time)")
    .option("--wait", "wait for the job and print its vectors")
    .action((texts: string[], options) => batchSubmitCommand(texts, options, io));
  batch
    .command("status")
    .description("print a batch job's status and record counts as JSON")
    .argument("<jobArn>")
    .addOption(configOption())
    .option("--wait", "wait until the job has finished")
    .action((jobArn: string, options) => batchStatusCommand(jobArn, options, io));
  batch
    .command("fetch")
    .description("print a finished job's vectors as JSON lines in input order; failed records on stderr")
    .argument("<jobArn>")
    .addOption(configOption())
    .option("--wait", "wait for the job first")
    .action((jobArn: string, options) => batchFetchCommand(jobArn, options, io));

  program
    .command("emulator")
    .description("serve the local Bedrock Runtime emulator until stopped")
    .option("-p, --port <n>", "port (0 picks a free one)", integer, 4010)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option(
      "--rpm <n>",
      "requests-per-minute quota per model (429 ThrottlingException beyond it)",
      nonNegativeNumber,
    )
    .option("--tpm <n>", "input-tokens-per-minute quota per model", nonNegativeNumber)
    .option("--latency-ms <n>", "delay before every invoke answer", nonNegativeNumber)
    .option("--jitter-ms <n>", "extra delay drawn uniformly from [0, n]", nonNegativeNumber)
    .option(
      "--fault <name=rate>",
      "fault probability per request, repeatable: throttling, serviceUnavailable, internalServerError, " +
        "modelNotReady, connectionReset, slowResponse, truncatedBody (and slowResponseMs=<ms>)",
      collectFault,
    )
    .option("--seed <n>", "seed of the fault and jitter generator (default 1)", seedInteger)
    .action((options) => emulatorCommand(options, io));

  addServeCommand(program, io);

  // Last, so `--json` errors reach every command registered above.
  addSetupCommands(program, io);
  return program;
}
