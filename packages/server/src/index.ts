export { type BatchedEmbeddings, MicroBatcher, type MicroBatcherOptions } from "./batching/micro-batcher.js";
export { type EmbedSettled, type SettledBatch, settledEmbedding } from "./batching/settled-batch.js";
export { readLiteLlmConfig } from "./config/litellm-config.js";
export { type LoadedServerConfig, loadServerConfig } from "./config/load-server-config.js";
export type { LogSink } from "./http/access-log.js";
export { MemoryRateLimitStore } from "./limits/memory-rate-limit-store.js";
export type { KeyLimits, LimitDecision, LimitWindow, RateLimitStore } from "./limits/rate-limit-store.js";
export { RedisRateLimitStore } from "./redis/redis-rate-limit-store.js";
export { RedisVectorCache } from "./redis/redis-vector-cache.js";
export {
  type RunningEmbeddingsServer,
  type StartEmbeddingsServerOptions,
  startEmbeddingsServer,
} from "./start-embeddings-server.js";
