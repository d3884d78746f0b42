import { dotProductAt } from "./dot-product.js";
import { type Float32Chunk, readFloat32Bytes } from "./float32-bytes.js";

/** Vectors per chunk: big chunks keep a scan's inner loop long, fixed ones avoid copying 400 MB to grow. */
export const SLOTS_PER_CHUNK = 4096;
const SLOT_SHIFT = 12;
const SMALLEST_CHUNK = 16;

/**
 * Every stored vector, packed in float32 chunks of `SLOTS_PER_CHUNK` vectors (one JS array per
 * vector would cost ~8 times the memory and scan far slower), with each vector's norm computed once.
 * A vector lives in a numbered slot; freed slots are reused. The first chunk starts small and grows,
 * so a small store does not hold 16 MB.
 *
 * @example
 * const arena = new VectorArena(1024);
 * const slot = arena.allocate();
 * arena.store(slot, frameBytes, vectorsStart);
 * arena.norm(slot);
 */
export class VectorArena {
  private readonly chunks: Float32Chunk[] = [];
  private readonly norms: Float64Array[] = [];
  private readonly freeSlots: number[] = [];
  private used = 0;

  constructor(readonly dimension: number) {}

  /** One past the highest slot ever allocated: scans go up to here and skip free slots. */
  get slotLimit(): number {
    return this.used;
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
    const chunk = this.chunks[slot >>> SLOT_SHIFT]!;
    readFloat32Bytes(source, at, chunk, (slot & (SLOTS_PER_CHUNK - 1)) * this.dimension, this.dimension);
    this.norms[slot >>> SLOT_SHIFT]![slot & (SLOTS_PER_CHUNK - 1)] = Number.NaN;
  }

  /** A view of the vector in `slot` (not a copy). */
  vector(slot: number): Float32Array {
    const start = (slot & (SLOTS_PER_CHUNK - 1)) * this.dimension;
    return this.chunks[slot >>> SLOT_SHIFT]!.values.subarray(start, start + this.dimension);
  }

  /** Cosine similarity of the vector in `slot` with `query` (whose norm is `queryNorm`). */
  cosine(slot: number, query: Float32Array, queryNorm: number): number {
    const start = (slot & (SLOTS_PER_CHUNK - 1)) * this.dimension;
    const dot = dotProductAt(query, this.chunks[slot >>> SLOT_SHIFT]!.values, start);
    return dot / (queryNorm * this.norm(slot));
  }

  /**
   * Scores every slot marked in `eligible` against `query` (cosine), into `scores` (indexed by slot):
   * one tight loop per chunk, the hot path of an unscoped search.
   */
  scoreAll(query: Float32Array, queryNorm: number, eligible: Uint8Array, scores: Float64Array): void {
    const dimension = this.dimension;
    for (let chunkIndex = 0; chunkIndex < this.chunks.length; chunkIndex++) {
      const values = this.chunks[chunkIndex]!.values;
      const first = chunkIndex * SLOTS_PER_CHUNK;
      const last = Math.min(this.used, first + SLOTS_PER_CHUNK);
      const norms = this.norms[chunkIndex]!;
      for (let slot = first; slot < last; slot++) {
        if (eligible[slot] === 0) continue;
        let norm = norms[slot - first]!;
        if (Number.isNaN(norm)) norm = this.norm(slot);
        scores[slot] = dotProductAt(query, values, (slot - first) * dimension) / (queryNorm * norm);
      }
    }
  }

  /** The Euclidean norm of the vector in `slot`. */
  norm(slot: number): number {
    const norms = this.norms[slot >>> SLOT_SHIFT]!;
    const index = slot & (SLOTS_PER_CHUNK - 1);
    const known = norms[index]!;
    if (!Number.isNaN(known)) return known;
    const values = this.chunks[slot >>> SLOT_SHIFT]!.values;
    const start = index * this.dimension;
    // Summed in order, exactly as `vectorNorm` does for a written record, so a reopened store scores the same.
    let sum = 0;
    for (let position = start; position < start + this.dimension; position++) {
      const value = values[position]!;
      sum += value * value;
    }
    norms[index] = Math.sqrt(sum);
    return norms[index]!;
  }

  private ensureCapacity(slot: number): void {
    const chunkIndex = slot >>> SLOT_SHIFT;
    const needed = (slot & (SLOTS_PER_CHUNK - 1)) + 1;
    const chunk = this.chunks[chunkIndex];
    const capacity = chunk ? chunk.values.length / this.dimension : 0;
    if (needed <= capacity) return;
    // Only the first chunk grows by doubling; once a store is that big, whole chunks are cheaper.
    const grown =
      chunkIndex > 0 ? SLOTS_PER_CHUNK : Math.min(SLOTS_PER_CHUNK, Math.max(SMALLEST_CHUNK, capacity * 2));
    const values = new Float32Array(grown * this.dimension);
    const norms = new Float64Array(grown);
    if (chunk) {
      values.set(chunk.values);
      norms.set(this.norms[chunkIndex]!);
    }
    this.chunks[chunkIndex] = { values, bytes: new Uint8Array(values.buffer) };
    this.norms[chunkIndex] = norms;
  }
}
