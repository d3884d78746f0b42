export {
  BedrockEmbeddingModel,
  type BedrockEmbeddingModelOptions,
  bedrockEmbeddingModel,
} from "./bedrock-embedding-model.js";
export { memoryActionOf, PROVIDER_OPTIONS_KEY } from "./provider-options.js";
