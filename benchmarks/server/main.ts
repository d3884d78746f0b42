// Benchmark of the OpenAI-compatible server (issue 10), on the emulator, everything in this process:
//  (a) server overhead per request: 1 text per request, sequential (the ways interleaved), through
//      the server over HTTP versus the same embedder called in-process (p50/p99 of each and the
//      difference), and through a server whose batch window is 0 ms (what the window costs);
//  (b) 100 concurrent clients each sending one text to a Cohere alias: wall time and Bedrock calls
//      made (the emulator's request log) against the target ceil(100 / 96) = 2.
//   npm run bench:server, or: npx tsx benchmarks/server/main.ts [--requests 500] [--rounds 5] [--latency-ms 50]
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { BedrockEmbedder } from "../../packages/bedrock/src/index.js";
import { parseConfigText } from "../../packages/core/src/index.js";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  type RunningEmulator,
  startEmulator,
} from "../../packages/emulator/src/index.js";
import { startEmbeddingsServer } from "../../packages/server/src/index.js";
import { median, percentiles } from "./statistics.js";

const API_KEY = "sk-benchmark";
const TITAN = "amazon.titan-embed-text-v2:0";
const COHERE = "cohere.embed-english-v3";
const CONCURRENT_CLIENTS = 100;
const WARM_UP = 20;

const { values: options } = parseArgs({
  options: {
    requests: { type: "string", default: "500" },
    rounds: { type: "string", default: "5" },
    "latency-ms": { type: "string", default: "50" },
  },
});
const requests = Number(options.requests);
const rounds = Number(options.rounds);
const latencyMs = Number(options["latency-ms"]);
const progress = (text: string) => process.stderr.write(`${text}\n`);

const emulator = await startEmulator({ port: 0 });
const server = await startEmbeddingsServer({ config: serverConfig(emulator), environment: { API_KEY } });
const unbatchedServer = await startEmbeddingsServer({
  config: serverConfig(emulator),
  environment: { API_KEY },
  batchWindowMs: 0,
});
try {
  progress(`(a) ${requests} sequential single-text requests each way, Titan v2, no emulator latency`);
  const overhead = await measureOverhead(emulator, server.url, unbatchedServer.url);
  progress(
    `(b) ${rounds} rounds of ${CONCURRENT_CLIENTS} concurrent clients, Cohere v3, ${latencyMs} ms emulator latency`,
  );
  const packing = await measurePacking(emulator, server.url);
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
    overhead,
    packing,
  };
  printTable(results);
  process.stdout.write(`\n${JSON.stringify(results, null, 2)}\n`);
} finally {
  await Promise.all([server.close(), unbatchedServer.close()]);
  await emulator.close();
}

function serverConfig(running: RunningEmulator) {
  const embedder = (model: string) => `
      embedder:
        provider: aws_bedrock
        config:
          model: ${model}
          region: us-east-1
          endpoint: ${running.url}
          credentials: { access_key_id: ${EMULATOR_DEFAULT_CREDENTIALS.accessKeyId}, secret_access_key: ${EMULATOR_DEFAULT_CREDENTIALS.secretAccessKey} }`;
  const text = `server:
  port: 0
  api_keys: ["\${API_KEY}"]
  models:
    - name: titan-v2${embedder(TITAN)}
    - name: cohere-v3${embedder(COHERE)}
`;
  return parseConfigText(text, "benchmark.yaml", { environment: { API_KEY } }).server!;
}

function inProcessEmbedder(running: RunningEmulator, model: string): BedrockEmbedder {
  return new BedrockEmbedder({
    model,
    region: "us-east-1",
    endpoint: running.url,
    credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
  });
}

async function postEmbeddings(url: string, model: string, input: string): Promise<number[]> {
  const response = await fetch(`${url}/v1/embeddings`, {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ model, input, encoding_format: "float" }),
  });
  if (response.status !== 200)
    throw new Error(`server answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { data: { embedding: number[] }[] };
  return body.data[0]!.embedding;
}

/** Times each way once per round, interleaved, so load from other processes falls on all of them alike. */
async function timeInterleaved(
  count: number,
  ways: Record<string, (index: number) => Promise<unknown>>,
): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(ways).map((name) => [name, []]));
  for (let index = 0; index < WARM_UP + count; index++) {
    for (const [name, call] of Object.entries(ways)) {
      const start = performance.now();
      await call(index);
      if (index >= WARM_UP) samples[name]!.push(performance.now() - start);
    }
  }
  return samples;
}

async function measureOverhead(running: RunningEmulator, url: string, unbatchedUrl: string) {
  running.setTraffic({});
  const embedder = inProcessEmbedder(running, TITAN);
  // Each request a new text, so no cache anywhere answers for Bedrock.
  const samples = await timeInterleaved(requests, {
    inProcess: (index) => embedder.embed(`in-process text ${index}`, "add"),
    throughServer: (index) => postEmbeddings(url, "titan-v2", `server text ${index}`),
    withoutWindow: (index) => postEmbeddings(unbatchedUrl, "titan-v2", `unbatched text ${index}`),
  });
  const direct = percentiles(samples["inProcess"]!);
  const served = percentiles(samples["throughServer"]!);
  const unbatched = percentiles(samples["withoutWindow"]!);
  return {
    requests,
    inProcessMs: direct,
    throughServerMs: served,
    overheadMs: { p50: served.p50 - direct.p50, p99: served.p99 - direct.p99 },
    withoutBatchWindowMs: unbatched,
    overheadWithoutBatchWindowMs: { p50: unbatched.p50 - direct.p50, p99: unbatched.p99 - direct.p99 },
  };
}

async function measurePacking(running: RunningEmulator, url: string) {
  running.setTraffic({ defaults: { latencyMs } });
  const perRound: { wallMs: number; bedrockCalls: number; textsSent: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    running.clearRequests();
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENT_CLIENTS }, (_, client) =>
        postEmbeddings(url, "cohere-v3", `round ${round} client ${client} asks about topic ${client % 13}`),
      ),
    );
    const wallMs = performance.now() - start;
    const invokes = running.requests.filter((request) => request.path.endsWith("/invoke"));
    const textsSent = invokes.reduce(
      (sum, request) => sum + ((request.body as { texts: string[] }).texts?.length ?? 0),
      0,
    );
    perRound.push({ wallMs, bedrockCalls: invokes.length, textsSent });
    progress(`  round ${round + 1}: ${wallMs.toFixed(0)} ms, ${invokes.length} Bedrock calls`);
  }
  running.setTraffic({});
  return {
    clients: CONCURRENT_CLIENTS,
    emulatorLatencyMs: latencyMs,
    targetCalls: Math.ceil(CONCURRENT_CLIENTS / 96),
    medianWallMs: median(perRound.map((round) => round.wallMs)),
    medianBedrockCalls: median(perRound.map((round) => round.bedrockCalls)),
    rounds: perRound,
  };
}

function printTable(results: {
  overhead: Awaited<ReturnType<typeof measureOverhead>>;
  packing: Awaited<ReturnType<typeof measurePacking>>;
}): void {
  const { overhead, packing } = results;
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const lines = [
    "| figure | p50 | p99 |",
    "| --- | --- | --- |",
    `| in-process BedrockEmbedder.embed, 1 text (${overhead.requests} sequential) | ${ms(overhead.inProcessMs.p50)} | ${ms(overhead.inProcessMs.p99)} |`,
    `| through the server, POST /v1/embeddings, 1 text | ${ms(overhead.throughServerMs.p50)} | ${ms(overhead.throughServerMs.p99)} |`,
    `| server overhead (difference of the percentiles) | ${ms(overhead.overheadMs.p50)} | ${ms(overhead.overheadMs.p99)} |`,
    `| through a server with batchWindowMs 0 | ${ms(overhead.withoutBatchWindowMs.p50)} | ${ms(overhead.withoutBatchWindowMs.p99)} |`,
    `| its overhead (difference) | ${ms(overhead.overheadWithoutBatchWindowMs.p50)} | ${ms(overhead.overheadWithoutBatchWindowMs.p99)} |`,
    "",
    `${packing.clients} concurrent clients x 1 text, Cohere v3, emulator latency ${packing.emulatorLatencyMs} ms:`,
    `median wall ${packing.medianWallMs.toFixed(0)} ms; median Bedrock calls ${packing.medianBedrockCalls} (target ${packing.targetCalls});` +
      ` per round: ${packing.rounds.map((round) => `${round.wallMs.toFixed(0)} ms / ${round.bedrockCalls} calls`).join(", ")}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
