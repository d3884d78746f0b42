export {
  type LangChainAwsClient,
  LangChainAwsEmbedder,
  type LangChainAwsEmbedderOptions,
  langchainAwsProvider,
} from "./langchain-aws-embedder.js";
export { LangChainEmbeddings, type LangChainEmbeddingsOptions } from "./langchain-embeddings.js";
export { type LangChainAwsFamily, resolveTitanModel, type TitanTextModel } from "./titan-models.js";
