export { type HistoryLog, InMemoryHistoryLog } from "./history-log.js";
export { LangChainEmbeddings, type LangChainEmbeddingsOptions } from "./langchain-embeddings.js";
export {
  LangChainVectorStoreAdapter,
  type LangChainVectorStoreAdapterOptions,
} from "./langchain-vector-store-adapter.js";
export { createMem0Memory, type Mem0Embedder } from "./mem0-memory.js";
