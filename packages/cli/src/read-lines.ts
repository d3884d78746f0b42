import { createInterface } from "node:readline";

/** Non-empty lines of a stream, each with its one-based line number. */
export async function readLines(stream: NodeJS.ReadableStream): Promise<{ line: number; text: string }[]> {
  const lines: { line: number; text: string }[] = [];
  let number = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    number++;
    if (text.length > 0) lines.push({ line: number, text });
  }
  return lines;
}
