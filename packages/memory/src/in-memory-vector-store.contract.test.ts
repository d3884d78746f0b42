import { InMemoryVectorStore } from "./in-memory-vector-store.js";
import { describeVectorStoreContract } from "./testing/vector-store-contract.js";

describeVectorStoreContract("InMemoryVectorStore", { open: async () => new InMemoryVectorStore() });
