import { readFile } from "node:fs/promises";
import {
  type AppConfig,
  ConfigurationError,
  type Environment,
  parseConfigText,
  type ServerConfig,
} from "@bedrock-embeddings/core";
import { parse } from "yaml";
import { readLiteLlmConfig } from "./litellm-config.js";

/** A server configuration, from either file format. */
export interface LoadedServerConfig {
  server: ServerConfig;
  /** "litellm" when the file was a LiteLLM proxy config (it has `model_list` at the top). */
  format: "bedrock-embeddings" | "litellm";
  /** The whole file, for our own format (its `emulator` and `s3` sections). */
  app: AppConfig | undefined;
}

/**
 * Reads the server's configuration: our YAML/JSON file with a `server:` section, or a LiteLLM
 * proxy `config.yaml` (recognised by its top-level `model_list`).
 *
 * @example
 * const { server, format } = await loadServerConfig("config.yaml", processEnvironment());
 */
export async function loadServerConfig(file: string, environment: Environment): Promise<LoadedServerConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigurationError(`cannot read configuration file ${file}.`, {
      cause: error,
      fix: "Check the path passed with --config.",
    });
  }
  if (isLiteLlm(text)) {
    return { server: readLiteLlmConfig(parse(text), environment, file), format: "litellm", app: undefined };
  }
  const app = parseConfigText(text, file, { environment });
  if (!app.server) {
    throw new ConfigurationError("the file has no server section.", {
      file,
      path: "server",
      fix: "Add a server: section with models: [{ name, embedder }] (see the README's Server section).",
    });
  }
  return { server: app.server, format: "bedrock-embeddings", app };
}

function isLiteLlm(text: string): boolean {
  try {
    const document: unknown = parse(text);
    return typeof document === "object" && document !== null && "model_list" in document;
  } catch {
    // Not parseable here: let the usual loader report the syntax error with its line.
    return false;
  }
}
