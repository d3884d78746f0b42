// Child process of main.ts: a fresh process opens the store, as an application starting up would,
// so the open time, the memory it takes and the search timings are not helped by the writer's state.

import { FileVectorStore } from "../../packages/memory/src/file-store/file-vector-store.js";
import { parseFilter } from "../../packages/memory/src/filter/parse-filter.js";
import { seededRandom, unitVector, userId } from "./dataset.js";
import { elapsed, summarize } from "./statistics.js";

const MODEL_ID = "amazon.titan-embed-text-v2:0";
const SCOPED_QUERIES = 1000;
const UNSCOPED_QUERIES = 30;

const [directory, dimensionText, usersText] = process.argv.slice(2);
const dimension = Number(dimensionText);
const users = Number(usersText);
const random = seededRandom(7);

const start = performance.now();
const store = new FileVectorStore({ directory: directory! });
await store.initialize({ dimension, modelId: MODEL_ID });
await store.search(unitVector(random, dimension), { filter: parseFilter({ user_id: userId(0) }), limit: 20 });
const openAndFirstSearchMilliseconds = elapsed(start);
const memory = process.memoryUsage();

const scoped: number[] = [];
const scopedQueries = Array.from({ length: SCOPED_QUERIES }, () => ({
  vector: unitVector(random, dimension),
  filter: parseFilter({ user_id: userId(Math.floor(random() * users)) }),
}));
let scopedHits = 0;
for (const query of scopedQueries) {
  const queryStart = performance.now();
  scopedHits += (await store.search(query.vector, { filter: query.filter, limit: 20 })).length;
  scoped.push(elapsed(queryStart));
}

const unscopedQueries = Array.from({ length: UNSCOPED_QUERIES }, () => unitVector(random, dimension));
const unscoped = await unscopedTimings(store);
const listed = (await store.list({ filter: parseFilter({ user_id: userId(1) }) })).entries.length;
await store.close();

// The same searches without helper threads, to show what one core does.
const singleThreaded = new FileVectorStore({ directory: directory! }, { helperCount: 0 });
await singleThreaded.initialize({ dimension, modelId: MODEL_ID });
const unscopedOneThread = await unscopedTimings(singleThreaded);
await singleThreaded.close();

async function unscopedTimings(searched: FileVectorStore): Promise<ReturnType<typeof summarize>> {
  const samples: number[] = [];
  for (const vector of unscopedQueries) {
    const queryStart = performance.now();
    await searched.search(vector, { limit: 20 });
    samples.push(elapsed(queryStart));
  }
  return summarize(samples);
}

process.stdout.write(
  `${JSON.stringify({
    openAndFirstSearchMilliseconds,
    rssBytesAfterOpen: memory.rss,
    arrayBufferBytesAfterOpen: memory.arrayBuffers,
    scoped: summarize(scoped),
    averageScopedHits: scopedHits / SCOPED_QUERIES,
    memoriesOfOneUser: listed,
    unscoped,
    unscopedOneThread,
  })}\n`,
);
