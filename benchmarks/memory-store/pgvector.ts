/**
 * Benchmark of `PgVectorStore` on the test engine (PGlite + pgvector over the wire protocol), a
 * program that prints figures (not a test): engine start, first initialize, awaited single inserts,
 * batched inserts, scoped and unscoped search, a scoped page. PGlite is PostgreSQL compiled to
 * WebAssembly running in this process, so the figures bound what a test sees, not a server's speed.
 *
 * Run: `npx tsx benchmarks/memory-store/pgvector.ts [rows] [dimension]`
 *
 * @example
 * // npx tsx benchmarks/memory-store/pgvector.ts 3000 1024
 */
import { parseFilter } from "../../packages/memory/src/filter/parse-filter.js";
import { PgVectorStore } from "../../packages/memory/src/pgvector/pg-vector-store.js";
import { startTestPostgres } from "../../packages/memory/src/pgvector/testing/postgres-fixture.js";
import type { VectorStoreRecord } from "../../packages/memory/src/vector-store.js";
import { seededRandom } from "./dataset.js";

const rows = Number(process.argv[2] ?? 3000);
const dimension = Number(process.argv[3] ?? 1024);
const singleInserts = Math.min(300, rows);
const users = 10;
const queries = 40;

const random = seededRandom(1);

function unitVector(): number[] {
  const vector = Array.from({ length: dimension }, () => random() - 0.5);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function memoryRecord(index: number): VectorStoreRecord {
  return {
    id: `memory-${index}`,
    vector: unitVector(),
    payload: {
      data: `memory number ${index} about topic ${index % 17}`,
      hash: index.toString(16).padStart(64, "0"),
      created_at: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
      user_id: `user-${index % users}`,
      topic: `topic-${index % 17}`,
    },
  };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<Result>(work: () => Promise<Result>): Promise<[number, Result]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

const [startMillis, postgres] = await timed(() => startTestPostgres());
const store = new PgVectorStore({ connectionString: postgres.connectionString, table: "benchmark" });
try {
  const [initializeMillis] = await timed(() => store.initialize({ dimension, modelId: "benchmark-model" }));
  const single: number[] = [];
  for (let index = 0; index < singleInserts; index++) {
    const [millis] = await timed(() => store.insert([memoryRecord(index)]));
    single.push(millis);
  }
  let batchedMillis = 0;
  for (let start = singleInserts; start < rows; start += 100) {
    const batch = Array.from({ length: Math.min(100, rows - start) }, (_, offset) =>
      memoryRecord(start + offset),
    );
    batchedMillis += (await timed(() => store.insert(batch)))[0];
  }
  const scope = parseFilter({ user_id: "user-3" });
  const scoped: number[] = [];
  const unscoped: number[] = [];
  const pages: number[] = [];
  for (let round = 0; round < queries; round++) {
    const query = unitVector();
    scoped.push((await timed(() => store.search(query, { filter: scope, limit: 20 })))[0]);
    unscoped.push((await timed(() => store.search(query, { limit: 20 })))[0]);
    pages.push((await timed(() => store.list({ filter: scope, limit: 100 })))[0]);
  }
  const figures = [
    ["rows x dimension", `${rows} x ${dimension}`],
    ["engine start (PGlite + pgvector + socket server)", `${startMillis.toFixed(0)} ms`],
    ["first initialize (extension, tables, HNSW index)", `${initializeMillis.toFixed(0)} ms`],
    [`awaited single insert, p50 of ${singleInserts}`, `${median(single).toFixed(2)} ms`],
    [
      `batched insert (100 per call), ${rows - singleInserts} rows`,
      `${(batchedMillis / Math.max(1, rows - singleInserts)).toFixed(2)} ms/row`,
    ],
    [`scoped search (${rows / users} rows in scope, top 20), p50`, `${median(scoped).toFixed(2)} ms`],
    ["unscoped search (HNSW, top 20), p50", `${median(unscoped).toFixed(2)} ms`],
    ["scoped page of 100, p50", `${median(pages).toFixed(2)} ms`],
  ];
  for (const [label, value] of figures) process.stdout.write(`| ${label} | ${value} |\n`);
} finally {
  await store.close();
  await postgres.close();
}
