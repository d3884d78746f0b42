import { type Float32Chunk, readFloat32Bytes } from "./float32-bytes.js";
import { dotProductAt, normAt, scoreSlots } from "./slot-scoring.js";

/** Vectors per chunk: big chunks keep a scan's inner loop long, fixed ones avoid copying 400 MB to grow. */
export const SLOTS_PER_CHUNK = 4096;
const SMALLEST_CHUNK = 16;

/**
 * Every stored vector, packed in float32 chunks of `SLOTS_PER_CHUNK` vectors (one JS array per
 * vector would cost ~8 times the memory and scan far slower), each vector's norm computed when first
 * needed. A vector lives in a numbered slot; freed slots are reused. Chunks are SharedArrayBuffers,
 * so helper threads can score them without copies. The first chunk starts small and grows, so a
 * small store does not hold 16 MB.
 *
 * @example
 * const arena = new VectorArena(1024);
 * const slot = arena.allocate();
 * arena.store(slot, frameBytes, vectorsStart);
 * arena.cosine(slot, query, queryNorm);
 */
export class VectorArena {
  private readonly chunks: Float32Chunk[] = [];
  private readonly norms: Float64Array[] = [];
  private readonly freeSlots: number[] = [];
  private used = 0;
  /** Goes up whenever a chunk is allocated or replaced, so helpers know to take the new list. */
  generation = 0;

  constructor(readonly dimension: number) {}

  /** One past the highest slot ever allocated: scans go up to here and skip free slots. */
  get slotLimit(): number {
    return this.used;
  }

  /** The chunks' values and norms, for helper threads (shared memory, not copies). */
  get sharedChunks(): { values: Float32Array[]; norms: Float64Array[] } {
    return { values: this.chunks.map((chunk) => chunk.values), norms: this.norms };
  }

  /** A free slot, reusing released ones first. */
  allocate(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    const slot = this.used++;
    this.ensureCapacity(slot);
    return slot;
  }

  /** Gives a slot back; its vector is left in place until the slot is reused. */
  release(slot: number): void {
    this.freeSlots.push(slot);
  }

  /**
   * Copies a float32 little-endian vector from `source` at byte `at` into `slot`. Its norm is
   * computed when first needed: opening a store then does not read every vector twice, and a
   * scoped search computes only the norms of that scope.
   */
  store(slot: number, source: Buffer, at: number): void {
    const { chunk, index } = this.locate(slot);
    readFloat32Bytes(source, at, this.chunks[chunk]!, index * this.dimension, this.dimension);
    this.norms[chunk]![index] = Number.NaN;
  }

  /** A view of the vector in `slot` (not a copy). */
  vector(slot: number): Float32Array {
    const { chunk, index } = this.locate(slot);
    return this.chunks[chunk]!.values.subarray(index * this.dimension, (index + 1) * this.dimension);
  }

  /** Cosine similarity of the vector in `slot` with `query` (whose norm is `queryNorm`). */
  cosine(slot: number, query: Float32Array, queryNorm: number): number {
    const { chunk, index } = this.locate(slot);
    const dot = dotProductAt(query, this.chunks[chunk]!.values, index * this.dimension);
    return dot / (queryNorm * this.norm(slot));
  }

  /** Scores the slots from `from` to `to` marked in `eligible` into `scores` (see `scoreSlots`). */
  scoreRange(
    query: Float32Array,
    queryNorm: number,
    eligible: Uint8Array,
    scores: Float64Array,
    from: number,
    to: number,
  ): void {
    const { values, norms } = this.sharedChunks;
    scoreSlots(values, norms, this.dimension, SLOTS_PER_CHUNK, query, queryNorm, eligible, scores, from, to);
  }

  /** The Euclidean norm of the vector in `slot`. */
  norm(slot: number): number {
    const { chunk, index } = this.locate(slot);
    const norms = this.norms[chunk]!;
    if (Number.isNaN(norms[index]))
      norms[index] = normAt(this.chunks[chunk]!.values, index * this.dimension, this.dimension);
    return norms[index]!;
  }

  private locate(slot: number): { chunk: number; index: number } {
    const chunk = Math.floor(slot / SLOTS_PER_CHUNK);
    return { chunk, index: slot - chunk * SLOTS_PER_CHUNK };
  }

  private ensureCapacity(slot: number): void {
    const { chunk: chunkIndex, index } = this.locate(slot);
    const chunk = this.chunks[chunkIndex];
    const capacity = chunk ? chunk.values.length / this.dimension : 0;
    if (index < capacity) return;
    // Only the first chunk grows by doubling; once a store is that big, whole chunks are cheaper.
    const grown =
      chunkIndex > 0 ? SLOTS_PER_CHUNK : Math.min(SLOTS_PER_CHUNK, Math.max(SMALLEST_CHUNK, capacity * 2));
    const values = new Float32Array(new SharedArrayBuffer(grown * this.dimension * 4));
    const norms = new Float64Array(new SharedArrayBuffer(grown * 8));
    if (chunk) {
      values.set(chunk.values);
      norms.set(this.norms[chunkIndex]!);
    }
    this.chunks[chunkIndex] = { values, bytes: new Uint8Array(values.buffer) };
    this.norms[chunkIndex] = norms;
    this.generation++;
  }
}
