import {
  ConfigurationError,
  type EmbedderConfig,
  type EmbeddingBase,
  type EmbeddingUsage,
  type ServedModelConfig,
} from "@bedrock-embeddings/core";
import { MicroBatcher } from "../batching/micro-batcher.js";
import { settledEmbedding } from "../batching/settled-batch.js";
import { invalidRequest } from "../http/openai-http-error.js";

/** Builds one embedder from its config section (the provider registry, with the config's cache). */
export type BuildEmbedder = (config: EmbedderConfig) => EmbeddingBase;

/** One model alias as served: its embedder and the batcher every request for it goes through. */
export interface ServedModel {
  name: string;
  embedder: EmbeddingBase;
  batcher: MicroBatcher;
}

export interface ServedModelsOptions {
  build: BuildEmbedder;
  /** Told about every embedder run, for metrics. */
  onBatch?: (alias: string, texts: number, usage: EmbeddingUsage) => void;
  /** How long a request waits for others to share its Bedrock calls (default 2 ms). */
  batchWindowMs?: number;
}

/**
 * The model aliases of the server, each with ONE embedder (so one scheduler and one cache) and one
 * batcher shared by every request. A request asking for other `dimensions` than the alias's gets
 * an embedder built for that size, kept and shared the same way; a size the model cannot return
 * is a 400 naming `dimensions`.
 *
 * @example
 * const models = new ServedModels(config.models, { build: (embedder) => createEmbedder(embedder, { providers }) });
 * const served = models.resolve("titan-v2", 256);
 */
export class ServedModels {
  readonly #configs: Map<string, EmbedderConfig>;
  readonly #served = new Map<string, ServedModel>();
  readonly #options: ServedModelsOptions;

  constructor(models: readonly ServedModelConfig[], options: ServedModelsOptions) {
    this.#options = options;
    this.#configs = new Map(models.map((model) => [model.name, model.embedder]));
    // Built up front so a bad model setting stops the server at start, not at the first request.
    models.forEach((model, position) => {
      try {
        this.#served.set(model.name, this.#create(model.name, model.embedder));
      } catch (error) {
        // The provider names its own keys (embedder.config.dimensions); say which alias they belong to.
        if (ConfigurationError.isInstance(error) && error.path && error.file === undefined) {
          throw error.relocated(`server.models.${position}.${error.path}`);
        }
        throw error;
      }
    });
  }

  /** The aliases, in config order. */
  get names(): string[] {
    return [...this.#configs.keys()];
  }

  /** Every embedder built so far (the aliases' and their other sizes). */
  get embedders(): EmbeddingBase[] {
    return [...this.#served.values()].map((served) => served.embedder);
  }

  has(name: string): boolean {
    return this.#configs.has(name);
  }

  /** The served model for `name` at `dimensions` (undefined: the alias's own size). */
  resolve(name: string, dimensions: number | undefined): ServedModel {
    const base = this.#served.get(name);
    if (!base) throw new Error(`no model alias ${name}`);
    if (dimensions === undefined || dimensions === base.embedder.dimension) return base;
    const key = `${name}\u0000${dimensions}`;
    const existing = this.#served.get(key);
    if (existing) return existing;
    const config = this.#configs.get(name)!;
    let served: ServedModel;
    try {
      served = this.#create(name, { ...config, config: { ...config.config, dimensions } });
    } catch (error) {
      if (!ConfigurationError.isInstance(error)) throw error;
      const allowed = error.allowed ? ` Allowed: ${error.allowed.join(", ")}.` : "";
      throw invalidRequest(
        `The model ${name} cannot return ${dimensions} dimensions: ${error.problem}${allowed}`,
        "dimensions",
        error,
      );
    }
    this.#served.set(key, served);
    return served;
  }

  #create(name: string, config: EmbedderConfig): ServedModel {
    const embedder = this.#options.build(config);
    const onBatch = this.#options.onBatch;
    const batcher = new MicroBatcher({
      embed: settledEmbedding(embedder),
      ...(this.#options.batchWindowMs === undefined ? {} : { windowMs: this.#options.batchWindowMs }),
      ...(onBatch ? { onBatch: (texts: number, usage: EmbeddingUsage) => onBatch(name, texts, usage) } : {}),
    });
    return { name, embedder, batcher };
  }
}
