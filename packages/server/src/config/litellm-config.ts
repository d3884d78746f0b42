import {
  ConfigurationError,
  type Environment,
  parseWithSchema,
  type ServerConfig,
  serverConfigSchema,
} from "@bedrock-embeddings/core";

/** `litellm_params` keys and the embedder option each becomes. */
const HONOURED_PARAMS: Readonly<Record<string, string>> = {
  model: "model",
  aws_region_name: "region",
  aws_access_key_id: "aws_access_key_id",
  aws_secret_access_key: "aws_secret_access_key",
  aws_session_token: "aws_session_token",
  aws_profile_name: "profile",
  aws_bedrock_runtime_endpoint: "endpoint",
  api_key: "api_key",
  dimensions: "dimensions",
  rpm: "requests_per_minute",
  tpm: "tokens_per_minute",
  max_retries: "max_attempts",
  timeout: "request_timeout_ms",
};

const HONOURED_ENTRY_KEYS = new Set(["model_name", "litellm_params", "model_info"]);
const HONOURED_TOP_KEYS = new Set(["model_list", "general_settings"]);

/**
 * Reads a LiteLLM proxy `config.yaml` (already parsed) as a `server:` section: every `model_list`
 * entry must be a Bedrock embedding model (`litellm_params.model: bedrock/<model id or ARN>`);
 * `aws_region_name`, the AWS key settings, `aws_profile_name`, `aws_bedrock_runtime_endpoint`,
 * `api_key` (a Bedrock API key), `dimensions`, `rpm`, `tpm`, `max_retries` and `timeout` are
 * honoured, `os.environ/VAR` values are read from `environment`, and
 * `general_settings.master_key` becomes the server's API key. Anything else is refused by name.
 *
 * @example
 * const server = readLiteLlmConfig(parse(text), process.env, "config.yaml");
 * server.models[0].embedder.config.model; // "amazon.titan-embed-text-v2:0"
 */
export function readLiteLlmConfig(raw: unknown, environment: Environment, file: string): ServerConfig {
  const document = record(raw, "the file", file);
  for (const key of Object.keys(document)) {
    if (!HONOURED_TOP_KEYS.has(key)) refuse(key, `LiteLLM's ${key} has no equivalent here`, file);
  }
  const entries = document["model_list"];
  if (!Array.isArray(entries) || entries.length === 0) {
    refuse("model_list", "must be a non-empty list of model entries", file);
  }
  const models = entries.map((entry, index) => servedModel(entry, index, environment, file));
  const general =
    document["general_settings"] === undefined
      ? {}
      : record(document["general_settings"], "general_settings", file);
  for (const key of Object.keys(general)) {
    if (key !== "master_key")
      refuse(`general_settings.${key}`, "is not supported; only master_key is read", file);
  }
  const masterKey =
    general["master_key"] === undefined
      ? undefined
      : resolved(general["master_key"], "general_settings.master_key", environment, file);
  return parseWithSchema(serverConfigSchema, {
    models,
    ...(masterKey === undefined ? {} : { api_keys: [String(masterKey)] }),
  });
}

function servedModel(entry: unknown, index: number, environment: Environment, file: string): unknown {
  const where = `model_list[${index}]`;
  const fields = record(entry, where, file);
  for (const key of Object.keys(fields)) {
    if (!HONOURED_ENTRY_KEYS.has(key)) refuse(`${where}.${key}`, "is not supported", file);
  }
  const name = fields["model_name"];
  if (typeof name !== "string" || name.length === 0)
    refuse(`${where}.model_name`, "must be a non-empty string", file);
  const mode =
    fields["model_info"] === undefined
      ? undefined
      : record(fields["model_info"], `${where}.model_info`, file)["mode"];
  if (mode !== undefined && mode !== "embedding") {
    refuse(`${where}.model_info.mode`, `is ${String(mode)}; this server serves embedding models only`, file);
  }
  const params = record(fields["litellm_params"], `${where}.litellm_params`, file);
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const target = HONOURED_PARAMS[key];
    if (target === undefined)
      refuse(`${where}.litellm_params.${key}`, "is not supported for Bedrock embeddings here", file);
    config[target] = resolved(value, `${where}.litellm_params.${key}`, environment, file);
  }
  config["model"] = bedrockModel(config["model"], `${where}.litellm_params.model`, file);
  if (config["max_attempts"] !== undefined) config["max_attempts"] = Number(config["max_attempts"]) + 1;
  if (config["request_timeout_ms"] !== undefined)
    config["request_timeout_ms"] = Math.round(Number(config["request_timeout_ms"]) * 1000);
  return { name, embedder: { provider: "aws_bedrock", config } };
}

function bedrockModel(value: unknown, path: string, file: string): string {
  if (typeof value !== "string" || !value.startsWith("bedrock/")) {
    refuse(path, `is ${JSON.stringify(value)}; only bedrock/<model id or ARN> entries can be served`, file);
  }
  const rest = value.slice("bedrock/".length);
  if (rest.startsWith("converse/"))
    refuse(path, "uses bedrock/converse/, a chat route; embeddings use bedrock/<model id>", file);
  return rest.startsWith("invoke/") ? rest.slice("invoke/".length) : rest;
}

// LiteLLM's way to keep secrets out of the file: `os.environ/NAME`.
function resolved(value: unknown, path: string, environment: Environment, file: string): unknown {
  if (typeof value !== "string" || !value.startsWith("os.environ/")) return value;
  const name = value.slice("os.environ/".length);
  const found = environment[name];
  if (found === undefined || found === "") {
    throw new ConfigurationError(`${path} reads the environment variable ${name}, which is not set.`, {
      file,
      path,
      fix: `Set ${name} before starting the server.`,
    });
  }
  return found;
}

function record(value: unknown, path: string, file: string): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  return refuse(path, "must be a mapping", file);
}

function refuse(path: string, problem: string, file: string): never {
  throw new ConfigurationError(`LiteLLM config: ${path} ${problem}.`, {
    file,
    path,
    fix: "Remove or change that key; the README's Server section lists the LiteLLM keys this server reads.",
  });
}
