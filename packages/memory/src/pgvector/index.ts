export { PgVectorStore, type PgVectorStoreOptions } from "./pg-vector-store.js";
