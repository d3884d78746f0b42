import { describeVectorIdentity } from "../cache/cache-key.js";
import type { DescribesVectors } from "../cache/describes-vectors.js";
import type { EmbeddingBase } from "../embedding-base.js";
import { InputError } from "../errors/input-error.js";
import { isQueryAction, type MemoryAction } from "../memory-action.js";
import { l2Normalize } from "../vector/vector-math.js";

export interface FakeEmbedderOptions {
  dimension?: number;
  modelId?: string;
  /** When false, `dimension` stays undefined until `detectDimension()` runs, like an unknown model. */
  dimensionKnown?: boolean;
}

/** One call the fake received, for assertions. */
export interface FakeEmbedderCall {
  texts: string[];
  memoryAction: MemoryAction | undefined;
}

/**
 * A deterministic, offline embedder for unit tests of code built on `EmbeddingBase`.
 * Texts sharing words get similar unit vectors; every call is recorded.
 *
 * @example
 * const embedder = new FakeEmbedder({ dimension: 32 });
 * await embedder.embed("hello world", "add");
 * embedder.calls; // [{ texts: ["hello world"], memoryAction: "add" }]
 */
export class FakeEmbedder implements EmbeddingBase, DescribesVectors {
  readonly provider = "fake";
  readonly modelId: string;
  readonly normalized = true;
  readonly calls: FakeEmbedderCall[] = [];
  private readonly size: number;
  private known: boolean;

  constructor(options: FakeEmbedderOptions = {}) {
    this.size = options.dimension ?? 16;
    this.modelId = options.modelId ?? "fake-embedding-model";
    this.known = options.dimensionKnown ?? true;
  }

  get dimension(): number | undefined {
    return this.known ? this.size : undefined;
  }

  async detectDimension(): Promise<number> {
    this.known = true;
    return this.size;
  }

  /**
   * What a cache keys the fake's vectors by. It names the query/document side like an asymmetric
   * model would, so code that caches queries apart from documents can be tested with the fake.
   *
   * @example
   * new FakeEmbedder().vectorIdentity("search"); // '{"dimension":16,"inputType":"query",...}'
   */
  vectorIdentity(memoryAction?: MemoryAction): string {
    return describeVectorIdentity({
      provider: this.provider,
      model: this.modelId,
      dimension: this.size,
      normalize: this.normalized,
      inputType: isQueryAction(memoryAction) ? "query" : "document",
    });
  }

  async embed(text: string, memoryAction?: MemoryAction): Promise<number[]> {
    const [vector] = await this.embedBatch([text], memoryAction);
    return vector!;
  }

  async embedBatch(texts: readonly string[], memoryAction?: MemoryAction): Promise<number[][]> {
    texts.forEach((text, index) => {
      if (typeof text !== "string" || text.trim() === "") {
        throw new InputError("text is empty or not a string.", { index, fix: "Pass non-empty strings." });
      }
    });
    this.calls.push({ texts: [...texts], memoryAction });
    return texts.map((text) => this.vectorFor(text));
  }

  private vectorFor(text: string): number[] {
    const vector: number[] = new Array<number>(this.size).fill(0);
    for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [text]) {
      const hash = fnv1a(word);
      vector[hash % this.size]! += hash & 0x100 ? 1 : -1;
    }
    // A text whose words cancel out still needs a direction.
    if (!vector.some((value) => value !== 0)) vector[0] = 1;
    return l2Normalize(vector);
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let position = 0; position < text.length; position++) {
    hash ^= text.charCodeAt(position);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
