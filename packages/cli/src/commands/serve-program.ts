import { type Command, InvalidArgumentError } from "commander";
import type { CliIo } from "../cli-io.js";
import { configOption } from "../config-option.js";
import { serveCommand } from "./serve-command.js";

function port(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new InvalidArgumentError("expected a port from 0 to 65535 (0 picks a free one).");
  }
  return value;
}

const SERVE_HELP = `
Prints http://HOST:PORT on stdout once listening; SIGTERM or Ctrl-C stops accepting connections,
answers the requests in flight and exits 0. Clients call it like OpenAI: baseURL http://HOST:PORT/v1.

Examples:
  $ bedrock-embeddings serve --config examples/server.yaml              # offline, on the emulator
  $ bedrock-embeddings serve --config litellm-config.yaml --port 4000   # a LiteLLM proxy config
  $ curl -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \\
      -d '{"model":"titan-v2","input":"hello"}' http://127.0.0.1:4000/v1/embeddings
`;

/**
 * Registers `bedrock-embeddings serve --config file.yaml [--port N] [--host H] [--emulator]`.
 *
 * @example
 * addServeCommand(program, io);
 */
export function addServeCommand(program: Command, io: CliIo): void {
  program
    .command("serve")
    .description(
      "serve an OpenAI-compatible /v1/embeddings API (our config's server: section, or a LiteLLM config.yaml)",
    )
    .addOption(configOption())
    .option("-p, --port <n>", "port, over server.port (0 picks a free one)", port)
    .option("--host <host>", "address to listen on, over server.host")
    .option("--emulator", "answer from the embedded Bedrock emulator (offline)")
    .addHelpText("after", SERVE_HELP)
    .action((options) => serveCommand(options, io));
}
