import type { MemoryItem } from "@bedrock-embeddings/memory";
import type { CliIo } from "../../cli-io.js";

/**
 * Writes one JSON value as one line on stdout.
 *
 * @example
 * writeJsonLine(io, { id, memory });
 */
export function writeJsonLine(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

/**
 * One memory: a JSON line with `--json`, else `id  text`.
 *
 * @example
 * writeItem(io, item, options.json);
 */
export function writeItem(io: CliIo, item: MemoryItem, json: boolean | undefined): void {
  if (json) writeJsonLine(io, item);
  else io.stdout.write(`${item.id}  ${item.memory}\n`);
}

/**
 * A note for people on stderr (counts, cursors, progress); a JSON line there with `--json`.
 *
 * @example
 * writeNote(io, options.json, "exported 3 memories", { exported: 3 });
 */
export function writeNote(io: CliIo, json: boolean | undefined, text: string, value: object): void {
  io.stderr.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}
