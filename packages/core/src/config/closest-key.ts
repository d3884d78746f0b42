/**
 * The candidate nearest to `written` by edit distance (a swap of two neighbouring letters counts
 * as one edit), or undefined when none is close enough to be a plausible misspelling.
 *
 * @example
 * closestKey("embeder", ["embedder", "memory"]); // "embedder"
 * closestKey("colour", ["embedder", "memory"]); // undefined
 */
export function closestKey(written: string, candidates: readonly string[]): string | undefined {
  // Short keys get two edits, long ones a third of their length, so typos match and unrelated words do not.
  const tolerance = Math.max(2, Math.floor(written.length / 3));
  let best: { key: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(written.toLowerCase(), candidate.toLowerCase());
    if (distance > tolerance || distance >= Math.max(written.length, candidate.length)) continue;
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  return best?.key;
}

/**
 * Edits (insert, delete, replace, swap of neighbours) that turn `from` into `to`.
 *
 * @example
 * editDistance("modle", "model"); // 1
 */
export function editDistance(from: string, to: string): number {
  const rows = from.length + 1;
  const columns = to.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_row, row) =>
    Array.from({ length: columns }, (_column, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const replaceCost = from[row - 1] === to[column - 1] ? 0 : 1;
      let distance = Math.min(
        table[row - 1]![column]! + 1,
        table[row]![column - 1]! + 1,
        table[row - 1]![column - 1]! + replaceCost,
      );
      const swapped =
        row > 1 && column > 1 && from[row - 1] === to[column - 2] && from[row - 2] === to[column - 1];
      if (swapped) distance = Math.min(distance, table[row - 2]![column - 2]! + 1);
      table[row]![column] = distance;
    }
  }
  return table[rows - 1]![columns - 1]!;
}
