import type { EmbeddingUsage } from "@bedrock-embeddings/core";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The server's Prometheus metrics, in a registry of its own so two servers in one process do not
 * share counters: requests by route and status, latency, input tokens, Bedrock calls, throttles
 * and cache hits by model alias.
 *
 * @example
 * const metrics = new ServerMetrics();
 * metrics.observeRequest("/v1/embeddings", 200, 0.012);
 * await metrics.text(); // Prometheus exposition format
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly #requests = new Counter({
    name: "embeddings_server_requests_total",
    help: "HTTP requests answered, by route and status",
    labelNames: ["route", "status"] as const,
    registers: [this.registry],
  });
  readonly #latency = new Histogram({
    name: "embeddings_server_request_duration_seconds",
    help: "Time from request to response, by route",
    labelNames: ["route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly #embeddingsInFlight = new Gauge({
    name: "embeddings_server_embeddings_in_flight",
    help: "Embeddings requests being answered right now",
    registers: [this.registry],
  });
  readonly #tokens = new Counter({
    name: "embeddings_server_input_tokens_total",
    help: "Input tokens Bedrock counted, by model alias",
    labelNames: ["model"] as const,
    registers: [this.registry],
  });
  readonly #inputs = new Counter({
    name: "embeddings_server_inputs_total",
    help: "Texts embedded, by model alias",
    labelNames: ["model"] as const,
    registers: [this.registry],
  });
  readonly #calls = new Counter({
    name: "embeddings_server_bedrock_calls_total",
    help: "Bedrock calls made (retries included), by model alias",
    labelNames: ["model"] as const,
    registers: [this.registry],
  });
  readonly #throttles = new Counter({
    name: "embeddings_server_bedrock_throttles_total",
    help: "Throttled Bedrock responses, by model alias",
    labelNames: ["model"] as const,
    registers: [this.registry],
  });
  readonly #cacheHits = new Counter({
    name: "embeddings_server_cache_hits_total",
    help: "Texts answered from the vector cache, by model alias",
    labelNames: ["model"] as const,
    registers: [this.registry],
  });

  observeRequest(route: string, status: number, seconds: number): void {
    this.#requests.inc({ route, status: String(status) });
    this.#latency.observe({ route }, seconds);
  }

  /** Runs `work` counted in the in-flight gauge. */
  async countInFlight<Result>(work: () => Promise<Result>): Promise<Result> {
    this.#embeddingsInFlight.inc();
    try {
      return await work();
    } finally {
      this.#embeddingsInFlight.dec();
    }
  }

  /** One embedder run of `texts` texts for `model` (an alias) and what it cost. */
  observeBatch(model: string, texts: number, usage: EmbeddingUsage): void {
    this.#inputs.inc({ model }, texts);
    this.#tokens.inc({ model }, usage.inputTokens);
    this.#calls.inc({ model }, usage.calls);
    this.#throttles.inc({ model }, usage.throttles);
    this.#cacheHits.inc({ model }, usage.cacheHits ?? 0);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
