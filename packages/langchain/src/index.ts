export { type HistoryLog, InMemoryHistoryLog } from "./history-log.js";
export {
  type LangChainAwsClient,
  LangChainAwsEmbedder,
  type LangChainAwsEmbedderOptions,
  langchainAwsProvider,
} from "./langchain-aws-embedder.js";
export { LangChainEmbeddings, type LangChainEmbeddingsOptions } from "./langchain-embeddings.js";
export {
  LangChainVectorStoreAdapter,
  type LangChainVectorStoreAdapterOptions,
} from "./langchain-vector-store-adapter.js";
export { createMem0Memory, type Mem0Embedder } from "./mem0-memory.js";
export { type LangChainAwsFamily, resolveTitanModel, type TitanTextModel } from "./titan-models.js";
