import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { type AppConfig, ConfigurationError, emptyUsage } from "@bedrock-embeddings/core";
import { LangChainEmbeddings } from "@bedrock-embeddings/langchain";
import { Memory } from "@bedrock-embeddings/memory";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import type { CliIo } from "../cli-io.js";
import { withRuntime } from "../runtime.js";
import { embedWithProgress, usageSummary } from "./batch-progress.js";

interface CorpusDocument {
  id: string;
  text: string;
}

interface DemoMemory {
  userId: string;
  text: string;
}

interface DemoCorpus {
  documents: CorpusDocument[];
  memories: DemoMemory[];
  searches: { userId: string; query: string }[];
  retrievals: string[];
}

export interface DemoCommandOptions {
  config: string;
  corpus?: string;
}

/**
 * The main job end to end: embed a corpus, add memories for two users, search them (each user
 * sees only their own), and retrieve from a LangChain vector store.
 */
export async function demoCommand(options: DemoCommandOptions, io: CliIo): Promise<void> {
  const corpusFile = options.corpus ?? join(dirname(resolve(options.config)), "corpus.json");
  const corpus = await readCorpus(corpusFile);
  const out = (text = "") => io.stdout.write(`${text}\n`);

  await withRuntime(options.config, io.environment, async ({ config, embedder, emulator }) => {
    out(
      emulator
        ? `Bedrock: the local emulator at ${emulator.url} (the config sets emulator.embedded: true)`
        : "Bedrock: AWS (the config does not ask for the emulator)",
    );
    out(
      `Model: ${embedder.modelId}, ${await embedder.detectDimension()} dimensions, normalized: ${embedder.normalized}`,
    );

    out("\n1. Embedding the corpus");
    const texts = corpus.documents.map((document) => document.text);
    const embedded = await embedWithProgress(embedder, texts, "add", io, undefined);
    out(`   ${embedded.vectors.length} documents -> ${embedded.vectors.length} vectors`);
    out(`   ${usageSummary(embedded.usage ?? emptyUsage())}`);

    out("\n2. Memories for two users");
    const memory = await Memory.fromConfig(config, { embedder });
    try {
      for (const userId of new Set(corpus.memories.map((item) => item.userId))) {
        const mine = corpus.memories.filter((item) => item.userId === userId);
        // The demo's users start afresh on every run; other scopes in the store are left alone.
        const { deleted } = await memory.deleteAll({ userId });
        await memory.add(
          mine.map((item) => ({ role: "user" as const, content: item.text })),
          { userId },
        );
        out(
          `   ${userId}: ${mine.length} memories added${deleted > 0 ? ` (replacing ${deleted} from an earlier run)` : ""}`,
        );
      }
      out(`   stored in ${describeStore(config.vectorStore)}`);

      for (const search of corpus.searches) {
        out(`\n   search as ${search.userId} (only ${search.userId}'s memories): "${search.query}"`);
        const found = await memory.search(search.query, { filters: { user_id: search.userId }, topK: 3 });
        found.results.forEach((item, rank) => {
          out(`     ${rank + 1}. ${(item.score ?? 0).toFixed(4)}  ${item.memory}`);
        });
      }
    } finally {
      await memory.close();
    }

    out("\n3. LangChain MemoryVectorStore retrieval");
    const store = await MemoryVectorStore.fromTexts(
      texts,
      corpus.documents.map((document) => ({ id: document.id })),
      new LangChainEmbeddings(embedder),
    );
    for (const query of corpus.retrievals) {
      out(`\n   query: "${query}"`);
      const hits = await store.similaritySearchWithScore(query, 3);
      hits.forEach(([document, score], rank) => {
        out(
          `     ${rank + 1}. ${score.toFixed(4)}  [${String(document.metadata["id"])}] ${document.pageContent}`,
        );
      });
    }
    out("\nDone.");
  });
}

/** Where the memories are, without secrets: a directory, or a pgvector table. */
function describeStore(store: AppConfig["vectorStore"]): string {
  return store.provider === "file"
    ? `the file store at ${store.config.path} (see: bedrock-embeddings memory list --config <this config> --user alice)`
    : `the pgvector table "${store.config.table ?? "memories"}"`;
}

async function readCorpus(file: string): Promise<DemoCorpus> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new ConfigurationError(`cannot read the demo corpus ${file}.`, {
      cause: error,
      fix: "Pass --corpus with a JSON file like examples/corpus.json.",
    });
  }
  const corpus = value as Partial<DemoCorpus>;
  if (!Array.isArray(corpus.documents) || !Array.isArray(corpus.memories)) {
    throw new ConfigurationError(`the demo corpus ${file} needs "documents" and "memories" arrays.`, {
      fix: "See examples/corpus.json for the shape.",
    });
  }
  return {
    documents: corpus.documents,
    memories: corpus.memories,
    searches: corpus.searches ?? [],
    retrievals: corpus.retrievals ?? [],
  };
}
