import { type Command, InvalidArgumentError, Option } from "commander";

/**
 * `embed`'s flags for where the model is: `--config` (optional once `--model` is given),
 * `--model`, `--region`, `--endpoint`; flags win over the file's `embedder.config`.
 *
 * @example
 * addEmbedSourceOptions(program.command("embed"));
 */
export function addEmbedSourceOptions(command: Command): Command {
  return command
    .addOption(new Option("-c, --config <file>", "YAML or JSON configuration file (optional with --model)"))
    .option("--model <id>", "model id, inference profile or ARN (overrides the config file's)")
    .option("--region <region>", "AWS region (default: the config file's, then AWS_REGION)")
    .option("--endpoint <url>", "Bedrock Runtime endpoint, e.g. the local emulator's", url);
}

/**
 * `embed`'s output flags: `--output` (append and resume), `--precision`, `--format`.
 *
 * @example
 * addEmbedOutputOptions(program.command("embed"));
 */
export function addEmbedOutputOptions(command: Command): Command {
  return command
    .option(
      "--output <file>",
      "append the JSON lines to <file> instead of stdout, skipping inputs it already holds (resume)",
    )
    .option("--precision <digits>", "round each number to this many decimal places (1-17)", decimalPlaces)
    .addOption(
      new Option("--format <format>", "json: numbers; base64: little-endian float32 (vectorBase64)").choices([
        "json",
        "base64",
      ]),
    );
}

/** Shown after `embed --help`. */
export const EMBED_HELP = `
Output: one JSON line per text, in input order, as soon as it and every text before it are done:
  {"index":0,"line":1,"dimension":1024,"vector":[...]}      ("line": the stdin line, for stdin input)
  with --format base64: "vectorBase64" instead of "vector" (little-endian float32, 4 bytes a number).
Failures go to stderr with their index and stdin line; the run goes on, and exits 1 if any failed.

Resume: write to a file with --output; after a failure or Ctrl-C, run the same command again:
the inputs the file already holds are skipped and the rest is appended. A run that printed to
stdout resumes the same way once its output is saved: --output <that file>.

Examples:
  bedrock-embeddings embed --model amazon.titan-embed-text-v2:0 --region us-east-1 "a text"
  bedrock-embeddings embed --model cohere.embed-english-v3 --region us-east-1 --endpoint http://127.0.0.1:4010 "a text"
  cat texts.txt | bedrock-embeddings embed --config app.yaml --output vectors.jsonl --precision 6
  cat texts.txt | bedrock-embeddings embed --config app.yaml --format base64 > vectors.jsonl
`;

function url(text: string): string {
  try {
    new URL(text);
  } catch {
    throw new InvalidArgumentError("expected a URL such as http://127.0.0.1:4010.");
  }
  return text;
}

function decimalPlaces(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 17) {
    throw new InvalidArgumentError("expected a whole number of decimal places from 1 to 17.");
  }
  return value;
}
