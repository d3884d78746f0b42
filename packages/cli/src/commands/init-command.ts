import { writeFile } from "node:fs/promises";
import { ConfigurationError } from "@bedrock-embeddings/core";
import type { CliIo } from "../cli-io.js";
import { type ConfigTarget, configTemplate } from "./config-templates.js";

export interface InitCommandOptions {
  emulator?: boolean;
  aws?: boolean;
  /** `--output`: the file to write. */
  output: string;
  /** `--force`: overwrite an existing file. */
  force?: boolean;
  json?: boolean;
}

/** The file `init` writes when no `--output` is given. */
export const DEFAULT_CONFIG_FILE = "bedrock-embeddings.yaml";

/**
 * `bedrock-embeddings init`: writes a commented config for the emulator (the default) or AWS
 * (`--aws`); refuses to overwrite an existing file unless `--force`.
 *
 * @example
 * await initCommand({ aws: true, output: "aws.yaml" }, io);
 */
export async function initCommand(options: InitCommandOptions, io: CliIo): Promise<void> {
  const target: ConfigTarget = options.aws ? "aws" : "emulator";
  try {
    await writeFile(options.output, configTemplate(target), { flag: options.force ? "w" : "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new ConfigurationError(`${options.output} already exists; nothing was written.`, {
        fix: "Pass --force to overwrite it, or choose another file with --output <file>.",
        cause: error,
      });
    }
    throw new ConfigurationError(`cannot write ${options.output}.`, {
      fix: "Check that the folder exists and is writable, or choose another file with --output <file>.",
      cause: error,
    });
  }
  const next =
    target === "aws"
      ? "Set AWS_REGION and your credentials (see the comments in the file), then check them with"
      : "It runs offline on the embedded emulator. Check it with";
  io.stdout.write(
    `Wrote ${options.output} (${target === "aws" ? "AWS Bedrock" : "local emulator"}).\n` +
      `${next}: bedrock-embeddings doctor --config ${options.output}\n`,
  );
}
