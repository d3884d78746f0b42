import { createInterface } from "node:readline";

/** A non-blank input line with its one-based number. */
export interface NumberedLine {
  line: number;
  text: string;
}

/**
 * The non-blank lines of a stream, one at a time (nothing is held beyond the current line), each
 * with its one-based line number. Whitespace-only lines count as blank.
 *
 * @example
 * for await (const { line, text } of nonBlankLines(io.stdin)) ...
 */
export async function* nonBlankLines(stream: NodeJS.ReadableStream): AsyncGenerator<NumberedLine> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    line++;
    if (text.trim() !== "") yield { line, text };
  }
}

/**
 * Every line of a stream (blank ones included, so positions stay line numbers). The reader is
 * created when iteration starts: lines read before that would be lost.
 *
 * @example
 * await importMemories(store, embedder, allLines(createReadStream(file)));
 */
export async function* allLines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  yield* createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
}

/**
 * Groups items into arrays of at most `size`, so work can be done and reported batch by batch.
 *
 * @example
 * for await (const batch of inBatches(nonBlankLines(io.stdin), 100)) ...
 */
export async function* inBatches<Item>(
  items: AsyncIterable<Item> | Iterable<Item>,
  size: number,
): AsyncGenerator<Item[]> {
  let batch: Item[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
