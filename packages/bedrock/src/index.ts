// The main entry: InvokeModel embeddings. Async invoke, batch jobs and S3 live in
// `@bedrock-embeddings/bedrock/jobs` (jobs/index.ts), so this graph never loads their clients.
// Every public name is listed here on purpose; public-surface.test.ts holds the reviewed list.

export {
  BedrockEmbedder,
  type BedrockEmbedderConfig,
  type BedrockEmbedderRuntime,
} from "./bedrock-embedder.js";
export { type ClientOptions, createBedrockClient } from "./client/create-client.js";
export type { ControlPlaneClient } from "./control-plane/profile-target.js";
export type { BedrockCallEvent } from "./events.js";
export { FAMILY_NAMES, KNOWN_MODEL_IDS, MODEL_FAMILIES } from "./families/catalog.js";
export type { FamilyName } from "./families/model-family.js";
export type {
  DetailedResults,
  EmbedBatchOptions,
  SettledEmbeddings,
  SettledResults,
} from "./pipeline/embed-options.js";
export {
  type CostEstimate,
  type CostInput,
  estimateCostUsd,
  findPrice,
  type ModelPrice,
  PRICE_TABLE_DATE,
  type PriceRate,
} from "./pricing/index.js";
export { bedrockProvider } from "./provider.js";
export type { Clock } from "./schedule/clock.js";
export type { RateTuning } from "./schedule/rate-tuning.js";
