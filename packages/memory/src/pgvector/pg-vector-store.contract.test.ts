import { afterAll, beforeAll, vi } from "vitest";
import { describeVectorStoreContract } from "../testing/vector-store-contract.js";
import { PgVectorStore } from "./pg-vector-store.js";
import { startTestPostgres, type TestPostgres } from "./testing/postgres-fixture.js";

// PGlite is PostgreSQL in WebAssembly: on 2 busy cores a test may take seconds.
vi.setConfig({ testTimeout: 30_000 });

let postgres: TestPostgres;
let tables = 0;
const tableOf = new WeakMap<PgVectorStore, string>();

beforeAll(async () => {
  postgres = await startTestPostgres();
}, 60_000);
afterAll(() => postgres.close());

function openStore(table: string): PgVectorStore {
  const store = new PgVectorStore({ connectionString: postgres.connectionString, table });
  tableOf.set(store, table);
  return store;
}

// Every store gets a table of its own on one server: new, empty storage without a new engine.
describeVectorStoreContract("PgVectorStore on PGlite", {
  open: async () => openStore(`contract_${++tables}`),
  openSameStorage: async (store) => openStore(tableOf.get(store as PgVectorStore)!),
});
