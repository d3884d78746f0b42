export { defaultFileSystem, type StoreFileSystem, writeFileAtomic } from "./atomic-write.js";
export { FileHistoryStore, type FileHistoryStoreOptions } from "./file-history-store.js";
export { FileVectorStore, type FileVectorStoreOptions } from "./file-vector-store.js";
export { type HistoryStore, InMemoryHistoryStore } from "./history.js";
export { InMemoryVectorStore } from "./in-memory-vector-store.js";
export type { JsonObject, JsonValue } from "./json-value.js";
export { Memory } from "./memory.js";
export { hashText, RESERVED_PAYLOAD_KEYS } from "./memory-payload.js";
export type {
  AddMemoryOptions,
  GetAllMemoryOptions,
  MemoryEvent,
  MemoryFilters,
  MemoryHistoryEntry,
  MemoryItem,
  MemoryMetadata,
  MemoryOptions,
  MemoryScope,
  Message,
  SearchDefaults,
  SearchMemoryOptions,
  SearchResult,
  UpdateMemoryInput,
} from "./memory-types.js";
export { matchesFilter } from "./payload-filter.js";
export type {
  VectorListOptions,
  VectorSearchOptions,
  VectorStore,
  VectorStoreBinding,
  VectorStoreEntry,
  VectorStoreFilter,
  VectorStoreHit,
  VectorStoreRecord,
} from "./vector-store.js";
