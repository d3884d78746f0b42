import { parseStoreDocument, type StoreDocumentKind, serializeStoreDocument } from "./store-document.js";
import { corruptFileError } from "./store-files.js";
import type { VectorStoreRecord } from "./vector-store.js";
import { type TableLocation, VectorTable } from "./vector-table.js";

const KIND: StoreDocumentKind = { format: "bedrock-embeddings/vector-store", version: 1 };

/**
 * The JSON text of a table: a header with the binding, then one record per line (still one JSON
 * document, easy to inspect and diff).
 *
 * @example
 * await writeStoreFile(file, serializeVectorTable(table));
 */
export function serializeVectorTable(table: VectorTable): string {
  const binding = { dimension: table.binding?.dimension ?? null, modelId: table.binding?.modelId ?? null };
  return serializeStoreDocument(KIND, binding, "records", [...table.entries()]);
}

/**
 * Reads a table back from `serializeVectorTable` text, checking every record against the recorded
 * dimension. Anything unexpected is a ConfigurationError naming `file` (the file is never rewritten).
 *
 * @example
 * const table = parseVectorTable(text, { description: "The memory store", file });
 */
export function parseVectorTable(text: string, location: TableLocation & { file: string }): VectorTable {
  const file = location.file;
  const { document, items: records } = parseStoreDocument(text, file, KIND, "records");
  const { dimension, modelId } = document;
  const unbound = dimension === null && modelId === null;
  if (!unbound && (typeof dimension !== "number" || typeof modelId !== "string")) {
    throw corruptFileError(file, '"dimension" and "modelId" must be a number and a string (or both null)');
  }
  if (unbound && records.length > 0)
    throw corruptFileError(file, "it holds records but no dimension or model");
  const table = new VectorTable(location);
  try {
    if (!unbound) table.bind({ dimension: dimension as number, modelId: modelId as string });
    records.forEach((record: unknown, index) => {
      try {
        table.insert([record as VectorStoreRecord]);
      } catch (error) {
        throw corruptFileError(file, `record ${index} is invalid (${(error as Error).message})`, error);
      }
    });
  } catch (error) {
    if ((error as { file?: unknown }).file === file) throw error;
    throw corruptFileError(file, (error as Error).message, error);
  }
  table.revision = 0;
  return table;
}
