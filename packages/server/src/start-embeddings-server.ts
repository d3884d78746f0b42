import type { AddressInfo } from "node:net";
import { bedrockProvider } from "@bedrock-embeddings/bedrock";
import {
  type BedrockEmbedderOptions,
  ConfigurationError,
  type EmbedderProvider,
  type Environment,
  isLoopback,
  type ServerConfig,
} from "@bedrock-embeddings/core";
import { createAdaptorServer } from "@hono/node-server";
import { aliasEmbedderBuilder, bedrockEndpointOf } from "./build-alias-embedder.js";
import type { LogSink } from "./http/access-log.js";
import { ApiKeys } from "./http/api-keys.js";
import { createEmbeddingsApp } from "./http/create-embeddings-app.js";
import { EndpointReadiness } from "./http/readiness.js";
import { ServerMetrics } from "./http/server-metrics.js";
import { MemoryRateLimitStore } from "./limits/memory-rate-limit-store.js";
import type { RateLimitStore } from "./limits/rate-limit-store.js";
import { closeGracefully, listen } from "./listen.js";
import { ServedModels } from "./models/served-models.js";
import { RedisRateLimitStore } from "./redis/redis-rate-limit-store.js";
import { RedisVectorCache } from "./redis/redis-vector-cache.js";

export interface StartEmbeddingsServerOptions {
  /** The parsed `server:` section (or one read from a LiteLLM file). */
  config: ServerConfig;
  /** Values for the embedders' environment (AWS_REGION, AWS_BEARER_TOKEN_BEDROCK, ...); default {}. */
  environment?: Environment;
  /** Embedder providers aliases may name; default the Bedrock provider. */
  providers?: readonly EmbedderProvider[];
  /**
   * Rewrites each alias's embedder options before it is built; the CLI and tests point every alias
   * at the emulator with it.
   */
  adjustEmbedder?: (options: BedrockEmbedderOptions) => BedrockEmbedderOptions;
  /** Where access log lines go when `config.accessLog` is on (the CLI passes stderr). */
  accessLog?: LogSink;
  /** How long a request waits for others to share its Bedrock calls (default 2 ms). */
  batchWindowMs?: number;
}

/** A listening server. */
export interface RunningEmbeddingsServer {
  /** `http://HOST:PORT`, with the port actually bound. */
  url: string;
  host: string;
  port: number;
  /** Requests being answered right now. */
  readonly inFlight: number;
  /** Stops accepting connections, lets requests in flight finish, then releases every resource. */
  close(): Promise<void>;
}

/**
 * Starts the OpenAI-compatible embeddings server: one embedder and one batcher per model alias,
 * shared by every request; per-key limits in memory, or in Redis when `redisUrl` is set (the
 * vector cache too, so replicas share both).
 *
 * @example
 * const server = await startEmbeddingsServer({ config: serverConfigSchema.parse({ port: 0, models }) });
 * const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "unused" });
 * await server.close();
 */
export async function startEmbeddingsServer(
  options: StartEmbeddingsServerOptions,
): Promise<RunningEmbeddingsServer> {
  const { config } = options;
  refuseOpenHost(config);
  const environment = options.environment ?? {};
  const metrics = new ServerMetrics();
  const sharedCache = config.redisUrl ? new RedisVectorCache({ url: config.redisUrl }) : undefined;
  const sharedLimits = config.redisUrl ? new RedisRateLimitStore({ url: config.redisUrl }) : undefined;
  const limits: RateLimitStore = sharedLimits ?? new MemoryRateLimitStore();
  const release = async () => {
    await Promise.allSettled([limits.close(), sharedCache?.close()]);
  };
  try {
    const models = new ServedModels(config.models, {
      build: aliasEmbedderBuilder({
        providers: options.providers ?? [bedrockProvider],
        environment,
        adjustEmbedder: options.adjustEmbedder,
        sharedCache,
      }),
      onBatch: (alias, texts, usage) => metrics.observeBatch(alias, texts, usage),
      ...(options.batchWindowMs === undefined ? {} : { batchWindowMs: options.batchWindowMs }),
    });
    const endpoints = config.models.map((model) => {
      const adjusted = options.adjustEmbedder
        ? options.adjustEmbedder(model.embedder.config)
        : model.embedder.config;
      return bedrockEndpointOf(adjusted, environment);
    });
    const app = createEmbeddingsApp({
      models,
      apiKeys: new ApiKeys(config.apiKeys),
      limits,
      metrics,
      readiness: new EndpointReadiness({
        endpoints,
        redis: sharedLimits && sharedCache ? [sharedLimits, sharedCache] : [],
      }),
      bodyLimitBytes: config.bodyLimitBytes,
      requestTimeoutMs: config.requestTimeoutMs,
      accessLog: config.accessLog ? options.accessLog : undefined,
    });
    const server = createAdaptorServer({
      fetch: app.fetch,
      serverOptions: {
        headersTimeout: config.headersTimeoutMs,
        requestTimeout: config.bodyTimeoutMs,
        keepAliveTimeout: 5_000,
        // Node checks the two timeouts above only this often (30 s by default).
        connectionsCheckingInterval: Math.min(1_000, config.headersTimeoutMs),
      },
    });
    const tracker = await listen(server, config.port, config.host);
    const address = server.address() as AddressInfo;
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    return {
      url: `http://${host}:${address.port}`,
      host: address.address,
      port: address.port,
      get inFlight() {
        return tracker.inFlight;
      },
      close: async () => {
        await closeGracefully(server, tracker);
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

function refuseOpenHost(config: ServerConfig): void {
  if (config.apiKeys.length > 0 || isLoopback(config.host)) return;
  throw new ConfigurationError(
    `server.host ${config.host} is reachable from other machines and server.api_keys is empty.`,
    {
      path: "server.api_keys",
      fix: 'Set server.api_keys (for example ["${EMBEDDINGS_API_KEY}"]), or bind 127.0.0.1 with --host.',
    },
  );
}
