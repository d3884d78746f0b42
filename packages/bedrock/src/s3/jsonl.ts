import { ResponseError } from "@bedrock-embeddings/core";

/**
 * One parsed JSON Lines entry with its one-based line number in the file.
 *
 * @example
 * const entry: JsonLine = { line: 3, value: { recordId: "R0000000002" } };
 */
export interface JsonLine {
  line: number;
  value: unknown;
}

/**
 * JSON Lines text: one compact JSON document per line, ending with a newline.
 *
 * @example
 * toJsonLines([{ a: 1 }, { b: 2 }]); // '{"a":1}\n{"b":2}\n'
 */
export function toJsonLines(records: readonly unknown[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join("");
}

/**
 * Parses JSON Lines, skipping blank lines. A line that is not JSON is a ResponseError naming
 * `source` and the line, because a lost line would silently lose a record.
 *
 * @example
 * parseJsonLines('{"a":1}\n\n{"b":2}\n', "s3://bucket/out.jsonl", "amazon.titan-embed-text-v2:0");
 * // [{ line: 1, value: { a: 1 } }, { line: 3, value: { b: 2 } }]
 */
export function parseJsonLines(text: string, source: string, modelId: string): JsonLine[] {
  const entries: JsonLine[] = [];
  text.split(/\r?\n/).forEach((content, position) => {
    if (content.trim() === "") return;
    try {
      entries.push({ line: position + 1, value: JSON.parse(content) });
    } catch (error) {
      throw new ResponseError(`${source} line ${position + 1} is not JSON (${content.length} characters).`, {
        modelId,
        cause: error,
        fix: "The output file is damaged; re-run the job, or check that nothing else writes to that prefix.",
      });
    }
  });
  return entries;
}

/**
 * Parses a whole JSON document read from `source`; a ResponseError names the file otherwise.
 *
 * @example
 * parseJsonDocument('{"data":[]}', "s3://bucket/out/output.json", "twelvelabs.marengo-embed-3-0-v1:0"); // { data: [] }
 */
export function parseJsonDocument(text: string, source: string, modelId: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ResponseError(`${source} is not JSON (${text.length} characters).`, {
      modelId,
      cause: error,
      fix: "The output file is damaged or not Bedrock's; check the output location.",
    });
  }
}
