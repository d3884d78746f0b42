import { ConfigurationError, type EmbeddingBase, type MemoryAction } from "@bedrock-embeddings/core";
import { LangChainEmbeddings } from "./langchain-embeddings.js";

/**
 * The embedder interface of mem0ai's OSS `Memory` (mem0ai 3.x `Embedder`): every call says whether
 * the text is being stored (`"add"`, `"update"`) or searched for (`"search"`).
 *
 * @example
 * const vector = await mem0Embedder.embed("Alice likes green tea", "add");
 */
export interface Mem0Embedder {
  embed(text: string, memoryAction?: MemoryAction): Promise<number[]>;
  embedBatch(texts: string[], memoryAction?: MemoryAction): Promise<number[][]>;
}

/**
 * A mem0ai OSS `Memory` (`import { Memory } from "mem0ai/oss"`, tested with mem0ai 3.3.1) that
 * embeds through `embedder`, with stored memories embedded as documents and searches as queries.
 *
 * Why a helper: mem0ai builds its embedder from config only, and its `langchain` provider drops the
 * memory action (`embed(text)` calls `embedQuery` for adds and searches alike), so asymmetric models
 * (Cohere `input_type`, Nova `embeddingPurpose`) would store every memory as a search query. This
 * gives mem0 the `langchain` provider with our embedder (so mem0 builds nothing else and knows the
 * dimension), then makes the instance answer `embedder` with one that passes mem0's action through,
 * also after `memory.reset()` (which rebuilds the embedder from config).
 *
 * @example
 * import { Memory } from "mem0ai/oss";
 * const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", region: "us-east-1" });
 * const memory = createMem0Memory(Memory, embedder, { historyStore: { provider: "memory", config: {} } });
 * await memory.add("Alice likes green tea", { userId: "alice", infer: false }); // input_type search_document
 * await memory.search("what does Alice drink?", { filters: { user_id: "alice" } }); // input_type search_query
 */
export function createMem0Memory<Config extends object, Mem0Memory extends object>(
  MemoryClass: new (config?: Config) => Mem0Memory,
  embedder: EmbeddingBase,
  config: Omit<Config, "embedder"> = {} as Omit<Config, "embedder">,
): Mem0Memory {
  if (Object.hasOwn(config, "embedder")) {
    throw new ConfigurationError(
      "createMem0Memory sets mem0's embedder itself; the config names another one.",
      {
        fix: "Remove `embedder` from the mem0 config: the embedder passed to createMem0Memory is used.",
      },
    );
  }
  const mem0Embedder: Mem0Embedder = {
    embed: (text, memoryAction) => embedder.embed(text, memoryAction),
    embedBatch: (texts, memoryAction) => embedder.embedBatch(texts, memoryAction),
  };
  const Base = MemoryClass as unknown as new (config: unknown) => object;
  class MemoryWithEmbedder extends Base {
    get embedder(): Mem0Embedder {
      return mem0Embedder;
    }

    // mem0's constructor and reset() assign the embedder they build from config; ours stays.
    set embedder(_builtFromConfig: unknown) {}
  }
  const dimension = embedder.dimension;
  const memory = new MemoryWithEmbedder({
    ...config,
    embedder: {
      provider: "langchain",
      config: {
        model: new LangChainEmbeddings(embedder),
        ...(dimension === undefined ? {} : { embeddingDims: dimension }),
      },
    },
  });
  if ((memory as { embedder?: unknown }).embedder !== mem0Embedder) {
    throw new ConfigurationError(
      "this mem0ai version keeps its embedder where createMem0Memory cannot replace it.",
      {
        fix: 'Use mem0ai 3.3.x, or mem0\'s own `embedder: { provider: "langchain", config: { model: new LangChainEmbeddings(embedder) } }` (every text is then embedded as a query).',
      },
    );
  }
  return memory as Mem0Memory;
}
