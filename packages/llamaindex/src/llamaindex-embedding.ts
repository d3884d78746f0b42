import type { EmbeddingBase, MemoryAction } from "@bedrock-embeddings/core";
import { BaseEmbedding } from "@llamaindex/core/embeddings";
import type { MessageContentDetail } from "@llamaindex/core/llms";
import { extractSingleText } from "@llamaindex/core/utils";

/**
 * Texts handed to the embedder per `embedBatch` by default. LlamaIndex sends its chunks one after
 * another; the embedder packs each chunk into calls and runs them concurrently within its own
 * bound, so a chunk much larger than LlamaIndex's default of 10 keeps that bound busy.
 */
const DEFAULT_EMBED_BATCH_SIZE = 100;

/**
 * Options of {@link LlamaIndexEmbedding}.
 *
 * @example
 * const embedModel = new LlamaIndexEmbedding(embedder, { embedBatchSize: 200 });
 */
export interface LlamaIndexEmbeddingOptions {
  /** Texts per `embedBatch` when LlamaIndex embeds many nodes; 100 unless set. */
  embedBatchSize?: number;
  /** Memory action used for documents (nodes); `"add"` unless documents are re-embedded on update. */
  documentAction?: Exclude<MemoryAction, "search">;
}

/**
 * Any `EmbeddingBase` as a LlamaIndex TS `BaseEmbedding`, for `Settings.embedModel`, a
 * `VectorStoreIndex` or an ingestion pipeline. Nodes and documents are embedded with the memory
 * action `"add"` and queries with `"search"`, which picks the asymmetric mode of models that have
 * one (Cohere `input_type`, Nova `embeddingPurpose`).
 *
 * Many texts go to the embedder's `embedBatch` in chunks of `embedBatchSize`, one chunk at a time,
 * so concurrency stays within the embedder's own bound (no unbounded `Promise.all`). Errors are
 * the embedder's typed errors, cause chain included. Queries that carry no text (an image alone)
 * get `null`, as LlamaIndex's own text embeddings return.
 *
 * @example
 * import { Document, Settings, VectorStoreIndex } from "llamaindex";
 * Settings.embedModel = new LlamaIndexEmbedding(new BedrockEmbedder({ model: "cohere.embed-english-v3", region: "us-east-1" }));
 * const index = await VectorStoreIndex.fromDocuments([new Document({ text: "Alice likes tea" })]);
 * const [hit] = await index.asRetriever({ similarityTopK: 1 }).retrieve({ query: "what does Alice drink?" });
 */
export class LlamaIndexEmbedding extends BaseEmbedding {
  /** The wrapped embedder. */
  readonly embedder: EmbeddingBase;
  readonly #documentAction: Exclude<MemoryAction, "search">;

  constructor(embedder: EmbeddingBase, options: LlamaIndexEmbeddingOptions = {}) {
    super();
    this.embedder = embedder;
    this.#documentAction = options.documentAction ?? "add";
    this.embedBatchSize = options.embedBatchSize ?? DEFAULT_EMBED_BATCH_SIZE;
    if (embedder.dimension !== undefined) this.embedInfo = { dimensions: embedder.dimension };
  }

  /**
   * One vector for a document text (`"add"`).
   *
   * @example
   * const vector = await embedModel.getTextEmbedding("Alice likes tea");
   */
  async getTextEmbedding(text: string): Promise<number[]> {
    return this.embedder.embed(text, this.#documentAction);
  }

  /**
   * One vector per document text, in order, from one `embedBatch` (`"add"`). LlamaIndex calls this
   * once per `embedBatchSize` texts. A property, as in `BaseEmbedding`, because LlamaIndex passes
   * it around unbound.
   *
   * @example
   * const [first, second] = await embedModel.getTextEmbeddings(["first text", "second text"]);
   */
  override getTextEmbeddings = async (texts: string[]): Promise<number[][]> => {
    if (texts.length === 0) return [];
    return this.embedder.embedBatch(texts, this.#documentAction);
  };

  /**
   * One vector for a search query (`"search"`), or null when the query has no text.
   *
   * @example
   * const vector = await embedModel.getQueryEmbedding({ type: "text", text: "where does Alice live?" });
   */
  override async getQueryEmbedding(query: MessageContentDetail): Promise<number[] | null> {
    const text = extractSingleText(query);
    if (text === null) return null;
    return this.embedder.embed(text, "search");
  }
}
