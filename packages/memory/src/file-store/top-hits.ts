/** Scores equal to 1e-9 are ties: float rounding must not reorder vectors of the same direction. */
const TIE_SCALE = 1e9;

interface Candidate<Item> {
  key: number;
  sequence: number;
  score: number;
  item: Item;
}

/**
 * The `limit` best of a stream of scored items, without sorting them all: a min-heap whose root is
 * the worst item kept. Higher scores rank first; equal scores (to 1e-9) rank by insertion sequence,
 * lowest first. Scores are clamped to [-1, 1].
 *
 * @example
 * const top = new TopHits<string>(2);
 * top.offer(0.5, 1, "a"); top.offer(0.9, 2, "b"); top.offer(0.1, 3, "c");
 * top.best(); // [{ score: 0.9, item: "b" }, { score: 0.5, item: "a" }]
 */
export class TopHits<Item> {
  private readonly heap: Candidate<Item>[] = [];

  constructor(private readonly limit: number) {}

  /** Keeps `item` if it is among the best seen so far. */
  offer(score: number, sequence: number, item: Item): void {
    const clamped = Math.max(-1, Math.min(1, score));
    const key = Math.round(clamped * TIE_SCALE);
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push({ key, sequence, score: clamped, item });
      this.siftUp(heap.length - 1);
      return;
    }
    const worst = heap[0]!;
    if (key < worst.key || (key === worst.key && sequence > worst.sequence)) return;
    heap[0] = { key, sequence, score: clamped, item };
    this.siftDown(0);
  }

  /** The kept items, best first. */
  best(): { score: number; item: Item }[] {
    return [...this.heap]
      .sort((left, right) => right.key - left.key || left.sequence - right.sequence)
      .map(({ score, item }) => ({ score, item }));
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!worse(heap[child]!, heap[parent]!)) return;
      [heap[child], heap[parent]] = [heap[parent]!, heap[child]!];
      child = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let worst = parent;
      if (left < heap.length && worse(heap[left]!, heap[worst]!)) worst = left;
      if (right < heap.length && worse(heap[right]!, heap[worst]!)) worst = right;
      if (worst === parent) return;
      [heap[worst], heap[parent]] = [heap[parent]!, heap[worst]!];
      parent = worst;
    }
  }
}

function worse<Item>(left: Candidate<Item>, right: Candidate<Item>): boolean {
  return left.key < right.key || (left.key === right.key && left.sequence > right.sequence);
}
