/**
 * The distinct texts of a batch and where each one came from.
 *
 * @example
 * dedupeTexts(["a", "b", "a"]); // { unique: ["a", "b"], positions: [[0, 2], [1]] }
 */
export interface DedupedTexts {
  /** Each distinct text once, in order of first appearance. */
  unique: string[];
  /** For each entry of `unique`, every input index holding that text (first appearance first). */
  positions: number[][];
}

/**
 * Collapses identical texts so each is sent once; the caller fans the one vector back out to
 * every index. Texts are compared exactly (after any truncation), so only byte-identical
 * requests are merged.
 *
 * @example
 * const { unique, positions } = dedupeTexts(texts);
 */
export function dedupeTexts(texts: readonly string[]): DedupedTexts {
  const unique: string[] = [];
  const positions: number[][] = [];
  const seen = new Map<string, number>();
  texts.forEach((text, index) => {
    const known = seen.get(text);
    if (known === undefined) {
      seen.set(text, unique.length);
      unique.push(text);
      positions.push([index]);
    } else {
      positions[known]!.push(index);
    }
  });
  return { unique, positions };
}
