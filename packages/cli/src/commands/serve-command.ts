import { ConfigurationError, type ServerConfig } from "@bedrock-embeddings/core";
import { type RunningEmulator, startEmulator } from "@bedrock-embeddings/emulator";
import {
  loadServerConfig,
  type RunningEmbeddingsServer,
  startEmbeddingsServer,
} from "@bedrock-embeddings/server";
import type { CliIo } from "../cli-io.js";
import { pointAtEmulator, startEmbeddedEmulator, withoutBearerToken } from "../embedded-emulator.js";
import { EMBEDDER_PROVIDERS } from "../embedder-providers.js";
import { stopRequested } from "../stop-requested.js";
import { listenErrorForUser } from "./emulator-listen-error.js";

export interface ServeCommandOptions {
  config: string;
  port?: number;
  host?: string;
  /** `--emulator`: serve from the embedded emulator even when the file does not ask for it. */
  emulator?: boolean;
}

/**
 * Serves the OpenAI-compatible embeddings API from a config file (ours with a `server:` section,
 * or a LiteLLM proxy config.yaml) until SIGINT/SIGTERM; prints `http://HOST:PORT` once listening.
 * On a signal it stops accepting connections, answers the requests in flight, and returns (exit 0).
 *
 * @example
 * await serveCommand({ config: "server.yaml", port: 0 }, processIo());
 */
export async function serveCommand(options: ServeCommandOptions, io: CliIo): Promise<void> {
  const loaded = await loadServerConfig(options.config, io.environment);
  const config: ServerConfig = {
    ...loaded.server,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.host === undefined ? {} : { host: options.host }),
  };
  const wantsEmulator = options.emulator === true || loaded.app?.emulator.embedded === true;
  const emulator = wantsEmulator ? await openEmulator(loaded.app) : undefined;
  let server: RunningEmbeddingsServer;
  try {
    server = await startEmbeddingsServer({
      config,
      environment: emulator ? withoutBearerToken(io.environment) : io.environment,
      providers: EMBEDDER_PROVIDERS,
      ...(emulator ? { adjustEmbedder: (embedder) => pointAtEmulator(embedder, emulator.url) } : {}),
      accessLog: io.stderr,
    }).catch((error: unknown) => {
      throw serverListenError(error, config);
    });
  } catch (error) {
    await emulator?.close();
    throw error;
  }
  io.stdout.write(`${server.url}\n`);
  await stopRequested(io);
  await server.close();
  await emulator?.close();
}

function openEmulator(
  app: Parameters<typeof startEmbeddedEmulator>[0] | undefined,
): Promise<RunningEmulator> {
  return app
    ? startEmbeddedEmulator(app)
    : startEmulator({ port: 0 }).catch((error: unknown) => {
        throw listenErrorForUser(error, { port: "emulator.port" });
      });
}

const LISTEN_PROBLEMS: Readonly<Record<string, string>> = {
  EADDRINUSE: "the port is in use",
  EACCES: "the port needs privileges",
  EADDRNOTAVAIL: "the address is not one of this machine's",
};

function serverListenError(error: unknown, config: ServerConfig): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const problem = typeof code === "string" ? LISTEN_PROBLEMS[code] : undefined;
  if (problem === undefined) return error;
  return new ConfigurationError(`the server cannot listen on ${config.host}:${config.port}: ${problem}.`, {
    path: code === "EADDRNOTAVAIL" ? "server.host" : "server.port",
    fix:
      code === "EADDRNOTAVAIL"
        ? "Pass --host 127.0.0.1 (or set server.host to an address of this machine)."
        : "Pass --port with a free port (0 picks one), or set server.port.",
    cause: error,
  });
}
