import type { MemoryAction } from "./memory-action.js";
import type { EmbeddingUsage } from "./usage.js";

/**
 * The one interface every embedder implements (mem0's `embed` / `embedBatch`).
 * Vectors come back in input order, one per input, each of length `dimension`.
 *
 * @example
 * const vector = await embedder.embed("Alice likes tea", "add");
 * const [a, b] = await embedder.embedBatch(["first", "second"], "add");
 */
export interface EmbeddingBase {
  /** Registry name of the provider, e.g. `aws_bedrock`. */
  readonly provider: string;
  /** The model id as configured (bare id, inference profile or ARN). */
  readonly modelId: string;
  /** True when every returned vector has unit length. */
  readonly normalized: boolean;
  /** The output dimension when the model and configuration determine it; otherwise undefined until detected. */
  readonly dimension: number | undefined;
  /** Returns the dimension, probing the model once when it is not known from configuration. */
  detectDimension(): Promise<number>;
  embed(text: string, memoryAction?: MemoryAction): Promise<number[]>;
  embedBatch(texts: readonly string[], memoryAction?: MemoryAction): Promise<number[][]>;
}

/** The result of a batch with its cost, for embedders that report usage. */
export interface DetailedEmbeddings {
  vectors: number[][];
  usage: EmbeddingUsage;
}

/** Implemented by embedders that can report token usage for a batch. */
export interface ReportsUsage {
  embedBatchDetailed(texts: readonly string[], memoryAction?: MemoryAction): Promise<DetailedEmbeddings>;
}

/** True when `embedder` can report usage per batch. */
export function reportsUsage(embedder: EmbeddingBase): embedder is EmbeddingBase & ReportsUsage {
  return typeof (embedder as Partial<ReportsUsage>).embedBatchDetailed === "function";
}
