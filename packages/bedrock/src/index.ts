export {
  BedrockEmbedder,
  type BedrockEmbedderConfig,
  type BedrockEmbedderRuntime,
} from "./bedrock-embedder.js";
export {
  type AuthMode,
  authModeFor,
  buildClientConfig,
  type ClientOptions,
  createBedrockClient,
  resolveRegion,
} from "./client/create-client.js";
export type { BedrockCallEvent } from "./events.js";
export { FAMILY_NAMES, KNOWN_MODEL_IDS, MODEL_FAMILIES } from "./model-catalog/catalog.js";
export type {
  DimensionSpec,
  FamilyLimits,
  FamilyName,
  ModelFamily,
  ParsedResponse,
  RequestSettings,
  TokenSource,
  TruncateMode,
} from "./model-catalog/model-family.js";
export { GEO_PREFIXES, type ModelIdKind, type ResolvedModel, resolveModel } from "./model-id.js";
export { bedrockProvider } from "./provider.js";
