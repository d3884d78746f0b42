import type { EmbeddingBase, MemoryAction } from "@bedrock-embeddings/core";
import { Embeddings } from "@langchain/core/embeddings";

/**
 * Options of {@link LangChainEmbeddings}.
 *
 * @example
 * const embeddings = new LangChainEmbeddings(embedder, { documentAction: "update" });
 */
export interface LangChainEmbeddingsOptions {
  /** Memory action used for `embedDocuments`; `"add"` unless documents are re-embedded on update. */
  documentAction?: Exclude<MemoryAction, "search">;
}

/**
 * Any `EmbeddingBase` as a LangChain `Embeddings`, so it plugs into every LangChain vector store.
 * Documents are embedded with the memory action `"add"` and queries with `"search"`, which picks
 * the asymmetric mode of models that have one (Cohere `input_type`, Nova `embeddingPurpose`).
 *
 * It adds no retry or concurrency layer of its own (LangChain's AsyncCaller is not used, and is
 * built with `maxRetries: 0`): the wrapped embedder already retries and bounds concurrency, and
 * its typed errors reach the caller unchanged, `cause` chain included.
 *
 * @example
 * import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
 * const embeddings = new LangChainEmbeddings(embedder);
 * const store = await MemoryVectorStore.fromTexts(["Alice likes tea"], [{}], embeddings);
 * const [hit] = await store.similaritySearch("what does Alice drink?", 1);
 * embeddings.embeddingDimension; // e.g. 1024, read by mem0-ts's LangchainVectorStore
 */
export class LangChainEmbeddings extends Embeddings {
  /** The wrapped embedder. */
  readonly embedder: EmbeddingBase;
  private readonly documentAction: Exclude<MemoryAction, "search">;

  constructor(embedder: EmbeddingBase, options: LangChainEmbeddingsOptions = {}) {
    super({ maxRetries: 0 });
    this.embedder = embedder;
    this.documentAction = options.documentAction ?? "add";
  }

  /**
   * The output dimension when known without a call (undefined until `detectDimension()` for
   * models whose dimension must be probed). mem0-ts's `LangchainVectorStore` reads this name.
   *
   * @example
   * new LangChainEmbeddings(new FakeEmbedder({ dimension: 8 })).embeddingDimension; // 8
   */
  get embeddingDimension(): number | undefined {
    return this.embedder.dimension;
  }

  /**
   * The output dimension, probing the model once if configuration does not determine it.
   *
   * @example
   * const dimension = await embeddings.detectDimension();
   */
  detectDimension(): Promise<number> {
    return this.embedder.detectDimension();
  }

  /**
   * One vector per document, in order, embedded as documents (`"add"`).
   *
   * @example
   * const [first, second] = await embeddings.embedDocuments(["first text", "second text"]);
   */
  async embedDocuments(documents: string[]): Promise<number[][]> {
    if (documents.length === 0) return [];
    return this.embedder.embedBatch(documents, this.documentAction);
  }

  /**
   * One vector for a search query (`"search"`).
   *
   * @example
   * const vector = await embeddings.embedQuery("where does Alice live?");
   */
  async embedQuery(document: string): Promise<number[]> {
    return this.embedder.embed(document, "search");
  }
}
