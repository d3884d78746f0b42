export { assertSameBinding, assertValidBinding } from "./binding-check.js";
export { FileVectorStore, type FileVectorStoreOptions } from "./file-store/file-vector-store.js";
export { FILTER_OPERATORS, type FilterExpression, type FilterOperator } from "./filter/filter-expression.js";
export { matchesFilter } from "./filter/matches-filter.js";
export { andOf, parseFilter } from "./filter/parse-filter.js";
export { InMemoryVectorStore } from "./in-memory-vector-store.js";
export type { JsonObject, JsonValue } from "./json-value.js";
export { Memory } from "./memory.js";
export { hashText, RESERVED_PAYLOAD_KEYS } from "./memory-payload.js";
export type {
  AddMemoryOptions,
  DeleteAllResult,
  GetAllMemoryOptions,
  MemoryEvent,
  MemoryFilters,
  MemoryHistoryEntry,
  MemoryIdOptions,
  MemoryItem,
  MemoryMetadata,
  MemoryOptions,
  MemoryPage,
  MemoryScope,
  Message,
  SearchDefaults,
  SearchMemoryOptions,
  SearchResult,
  UpdateMemoryInput,
} from "./memory-types.js";
export {
  assertLimit,
  type CheckedRecord,
  checkQueryVector,
  checkRecords,
  requireBinding,
} from "./record-checks.js";
export { decodeSequenceCursor, encodeSequenceCursor } from "./sequence-cursor.js";
export { type SequencedRecord, SequencedRecords, toEntry } from "./sequenced-records.js";
export { openVectorStore } from "./store-from-config.js";
export { describeStoreLocation, sameStoreLocation } from "./store-location.js";
export {
  type ExportedMemory,
  type ExportMemoriesOptions,
  exportMemories,
  type ImportCounts,
  type ImportItem,
  type ImportMemoriesOptions,
  importMemories,
  parseImportLine,
  type ReembedCounts,
  type ReembedMemoriesOptions,
  reembedMemories,
  toExportedMemory,
} from "./transfer/index.js";
export type {
  HistoryOptions,
  VectorListOptions,
  VectorListPage,
  VectorSearchOptions,
  VectorStore,
  VectorStoreBinding,
  VectorStoreEntry,
  VectorStoreHit,
  VectorStoreRecord,
} from "./vector-store.js";
