import { type Command, Option } from "commander";
import type { CliIo } from "../cli-io.js";
import { cliVersion } from "./cli-version.js";
import { doctorCommand } from "./doctor-command.js";
import { HELP_EXAMPLES } from "./help-examples.js";
import { DEFAULT_CONFIG_FILE, initCommand } from "./init-command.js";
import { acceptJsonErrors } from "./json-errors.js";
import { modelsCommand } from "./models-command.js";

/**
 * Adds what a new user looks for first: `--version`, `models`, `init`, `doctor`, examples in the
 * help, and `--json` errors on every command. Call it after every other command is registered.
 *
 * @example
 * addSetupCommands(program, io);
 */
export function addSetupCommands(program: Command, io: CliIo): void {
  program.version(cliVersion(), "-V, --version", "print the version");
  program.addHelpText("after", HELP_EXAMPLES.program);

  program
    .command("models")
    .description("list the supported models: ids, families, inputs, dimensions, limits, estimated prices")
    .option("--json", "one JSON object per model instead of a table")
    .addHelpText("after", HELP_EXAMPLES.models)
    .action((options) => modelsCommand(options, io));

  program
    .command("init")
    .description("write a commented config file for the local emulator (default) or AWS")
    .addOption(
      new Option("--emulator", "the embedded local emulator, Titan v2 and a file store").conflicts("aws"),
    )
    .addOption(new Option("--aws", "AWS Bedrock: region, model and credential hints from the environment"))
    .option("-o, --output <file>", "the file to write", DEFAULT_CONFIG_FILE)
    .option("--force", "overwrite the file if it exists")
    .addHelpText("after", HELP_EXAMPLES.init)
    .action((options) => initCommand(options, io));

  program
    .command("doctor")
    .description("check config, region, credentials, endpoint, model access and the memory store")
    .option("-c, --config <file>", "YAML or JSON configuration file (else the flags below alone)")
    .option("--model <id>", "model id, overriding the config's")
    .option("--region <region>", "AWS region, overriding the config's")
    .option("--endpoint <url>", "Bedrock Runtime endpoint URL, overriding the config's")
    .option("--json", "one JSON object per check on stdout")
    .addHelpText("after", HELP_EXAMPLES.doctor)
    .action((options) => doctorCommand(options, io));

  program.commands
    .find((command) => command.name() === "emulator")
    ?.addHelpText("after", HELP_EXAMPLES.emulator);

  acceptJsonErrors(program, io);
}
