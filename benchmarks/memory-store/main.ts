// Benchmark of the embedded memory store (FileVectorStore): bulk add, one more add at N/10 and N,
// fresh open, scoped and unscoped search, size on disk and memory. Targets from issue 7.
//   node_modules/.bin/tsx benchmarks/memory-store/main.ts [--count 100000] [--dimension 1024] [--directory /tmp]
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { FileVectorStore } from "../../packages/memory/src/file-store/file-vector-store.js";
import { memoryAt, seededRandom } from "./dataset.js";
import { elapsed, summarize } from "./statistics.js";

const MODEL_ID = "amazon.titan-embed-text-v2:0";
const BATCH = 1000;
const SINGLE_ADDS = 200;
const CONCURRENT_ADDS = 10_000;
const MEMORIES_PER_USER = 100;
const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = join(here, "../..");

const options = parseArguments(process.argv.slice(2));
const { count, dimension } = options;
const users = Math.max(1, Math.round(count / MEMORIES_PER_USER));
const workDirectory = await mkdtemp(join(options.directory, "memory-store-benchmark-"));
const progress = (text: string) => process.stderr.write(`${text}\n`);

try {
  progress(`${count} memories x ${dimension} d, ${users} users, in ${workDirectory}`);
  const random = seededRandom(42);
  let next = 0;
  const nextMemory = () => memoryAt(next++, users, random, dimension);

  const concurrent = await concurrentAdds(join(workDirectory, "concurrent"), nextMemory);
  progress(`group commit: ${CONCURRENT_ADDS} concurrent single adds in ${concurrent.toFixed(0)} ms`);

  const store = new FileVectorStore({ directory: join(workDirectory, "store") });
  await store.initialize({ dimension, modelId: MODEL_ID });
  let bulkMilliseconds = 0;
  let stored = 0;
  let atTenth: ReturnType<typeof summarize> | undefined;
  while (stored < count) {
    const batch = Array.from({ length: Math.min(BATCH, count - stored) }, nextMemory);
    const start = performance.now();
    await store.insert(
      batch.map((memory) => memory.record),
      batch.map((memory) => memory.history),
    );
    bulkMilliseconds += elapsed(start);
    stored += batch.length;
    if (atTenth === undefined && stored >= count / 10) atTenth = await singleAdds(store, nextMemory);
    if (stored % (BATCH * 10) === 0)
      progress(`  ${stored} stored, ${(bulkMilliseconds / 1000).toFixed(1)} s in the store`);
  }
  const atFull = await singleAdds(store, nextMemory);
  await store.close();
  const logBytes = (await stat(store.file)).size;
  progress("fresh process: open, scoped and unscoped search");
  const search = await searchInFreshProcess(join(workDirectory, "store"));

  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      node: process.version,
      directory: options.directory,
    },
    count,
    dimension,
    users,
    storedAtEnd: stored + 2 * SINGLE_ADDS,
    // The calling thread plus FileVectorStore's default helper threads (one per extra core, at most 3).
    searchThreads: 1 + Math.min(3, Math.max(0, availableParallelism() - 1)),
    bulkAddSeconds: bulkMilliseconds / 1000,
    oneMoreAddAtTenth: atTenth,
    oneMoreAddAtFull: atFull,
    concurrentSingleAdds: { count: CONCURRENT_ADDS, milliseconds: concurrent },
    logBytes,
    ...search,
  };
  printTable(results);
  await mkdir(join(here, "results"), { recursive: true });
  await writeFile(join(here, "results", "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  await rm(workDirectory, { recursive: true, force: true });
}

async function singleAdds(
  store: FileVectorStore,
  nextMemory: () => ReturnType<typeof memoryAt>,
): Promise<ReturnType<typeof summarize>> {
  // Vectors and payloads are made first: only the store's part is timed (the embedder is excluded).
  const memories = Array.from({ length: SINGLE_ADDS }, nextMemory);
  const samples: number[] = [];
  for (const memory of memories) {
    const start = performance.now();
    await store.insert([memory.record], [memory.history]);
    samples.push(elapsed(start));
  }
  return summarize(samples);
}

async function concurrentAdds(
  directory: string,
  nextMemory: () => ReturnType<typeof memoryAt>,
): Promise<number> {
  const store = new FileVectorStore({ directory });
  await store.initialize({ dimension, modelId: MODEL_ID });
  const memories = Array.from({ length: CONCURRENT_ADDS }, nextMemory);
  const start = performance.now();
  await Promise.all(memories.map((memory) => store.insert([memory.record], [memory.history])));
  const milliseconds = elapsed(start);
  await store.close();
  await rm(directory, { recursive: true, force: true });
  return milliseconds;
}

async function searchInFreshProcess(directory: string) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", join(here, "search-phase.ts"), directory, String(dimension), String(users)],
    { cwd: repositoryRoot, maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout) as {
    openAndFirstSearchMilliseconds: number;
    rssBytesAfterOpen: number;
    arrayBufferBytesAfterOpen: number;
    scoped: ReturnType<typeof summarize>;
    averageScopedHits: number;
    memoriesOfOneUser: number;
    unscoped: ReturnType<typeof summarize>;
    unscopedOneThread: ReturnType<typeof summarize>;
  };
}

function printTable(results: {
  count: number;
  dimension: number;
  users: number;
  bulkAddSeconds: number;
  oneMoreAddAtTenth: ReturnType<typeof summarize> | undefined;
  oneMoreAddAtFull: ReturnType<typeof summarize>;
  concurrentSingleAdds: { count: number; milliseconds: number };
  logBytes: number;
  openAndFirstSearchMilliseconds: number;
  rssBytesAfterOpen: number;
  scoped: ReturnType<typeof summarize>;
  memoriesOfOneUser: number;
  unscoped: ReturnType<typeof summarize>;
  unscopedOneThread: ReturnType<typeof summarize>;
  searchThreads: number;
}): void {
  const milliseconds = (value: number | undefined) => (value === undefined ? "-" : `${value.toFixed(2)} ms`);
  const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const tenth = Math.round(results.count / 10);
  const rows: [string, string, string][] = [
    [
      `bulk add of ${results.count} (batches of ${BATCH}, with history)`,
      `${results.bulkAddSeconds.toFixed(1)} s`,
      "<= 60 s",
    ],
    [
      `one more awaited add at ${tenth}: p50 / p95`,
      `${milliseconds(results.oneMoreAddAtTenth?.p50)} / ${milliseconds(results.oneMoreAddAtTenth?.p95)}`,
      "p50 <= 2 ms",
    ],
    [
      `one more awaited add at ${results.count}: p50 / p95`,
      `${milliseconds(results.oneMoreAddAtFull.p50)} / ${milliseconds(results.oneMoreAddAtFull.p95)}`,
      "p50 <= 2 ms",
    ],
    [
      `${results.concurrentSingleAdds.count} concurrent single adds (group commit)`,
      `${(results.concurrentSingleAdds.milliseconds / 1000).toFixed(2)} s`,
      "",
    ],
    [
      "fresh open + first scoped search (new process)",
      milliseconds(results.openAndFirstSearchMilliseconds),
      "<= 2 s",
    ],
    [
      `scoped search, top 20 (${results.users} users x ${results.memoriesOfOneUser}): p50 / p95`,
      `${milliseconds(results.scoped.p50)} / ${milliseconds(results.scoped.p95)}`,
      "p50 <= 5 ms",
    ],
    [
      `unscoped search, top 20 of all (${results.searchThreads} threads): p50 / p95`,
      `${milliseconds(results.unscoped.p50)} / ${milliseconds(results.unscoped.p95)}`,
      "p50 <= 150 ms",
    ],
    [
      "unscoped search, top 20 of all (1 thread): p50 / p95",
      `${milliseconds(results.unscopedOneThread.p50)} / ${milliseconds(results.unscopedOneThread.p95)}`,
      "",
    ],
    ["log size on disk", megabytes(results.logBytes), ""],
    ["RSS after open (new process)", megabytes(results.rssBytesAfterOpen), ""],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  console.log(`\nFileVectorStore, ${results.count} memories x ${results.dimension} d\n`);
  for (const [label, value, target] of rows)
    console.log(`${label.padEnd(width)}  ${value.padStart(valueWidth)}  ${target}`);
}

function parseArguments(argv: string[]): { count: number; dimension: number; directory: string } {
  const parsed = { count: 100_000, dimension: 1024, directory: tmpdir() };
  for (let index = 0; index < argv.length; index += 2) {
    const [name, value] = [argv[index], argv[index + 1]];
    if (name === "--count" || name === "--dimension") {
      const number = Number(value);
      if (!Number.isInteger(number) || number < 1)
        throw new Error(`${name} needs a positive integer, got ${value}`);
      parsed[name === "--count" ? "count" : "dimension"] = number;
    } else if (name === "--directory" && value) {
      parsed.directory = value;
    } else {
      throw new Error(`unknown option ${name}; use --count N, --dimension D, --directory PATH`);
    }
  }
  return parsed;
}
