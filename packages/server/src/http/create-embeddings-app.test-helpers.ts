import { bedrockProvider } from "@bedrock-embeddings/bedrock";
import { type ServerConfigInput, serverConfigSchema } from "@bedrock-embeddings/core";
import { EMULATOR_DEFAULT_CREDENTIALS, type RunningEmulator } from "@bedrock-embeddings/emulator";
import { aliasEmbedderBuilder } from "../build-alias-embedder.js";
import { MemoryRateLimitStore } from "../limits/memory-rate-limit-store.js";
import { ServedModels } from "../models/served-models.js";
import { ApiKeys } from "./api-keys.js";
import { createEmbeddingsApp } from "./create-embeddings-app.js";
import { EndpointReadiness } from "./readiness.js";
import { ServerMetrics } from "./server-metrics.js";

/** The app as the server builds it, every alias pointed at `emulator`, plus the log lines it wrote. */
export function appOnEmulator(
  emulator: RunningEmulator,
  settings: Partial<ServerConfigInput> & Pick<ServerConfigInput, "models">,
  readinessEndpoints: string[] = [emulator.url],
) {
  const config = serverConfigSchema.parse(settings);
  const metrics = new ServerMetrics();
  const logLines: string[] = [];
  const models = new ServedModels(config.models, {
    build: aliasEmbedderBuilder({
      providers: [bedrockProvider],
      environment: {},
      adjustEmbedder: (options) => ({
        ...options,
        endpoint: emulator.url,
        region: "us-east-1",
        credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
      }),
    }),
    onBatch: (alias, texts, usage) => metrics.observeBatch(alias, texts, usage),
  });
  const app = createEmbeddingsApp({
    models,
    apiKeys: new ApiKeys(config.apiKeys),
    limits: new MemoryRateLimitStore(),
    metrics,
    readiness: new EndpointReadiness({ endpoints: readinessEndpoints, timeoutMs: 500, cacheMs: 0 }),
    bodyLimitBytes: config.bodyLimitBytes,
    requestTimeoutMs: config.requestTimeoutMs,
    accessLog: { write: (line: string) => logLines.push(line) },
  });
  return { app, models, logLines };
}

/** A JSON POST to /v1/embeddings. */
export function embeddingsRequest(body: unknown, key?: string): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}
