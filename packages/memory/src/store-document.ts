import { isPlainObject } from "./json-value.js";
import { corruptFileError } from "./store-files.js";

/** What identifies one kind of store file: its format name and version. */
export interface StoreDocumentKind {
  format: string;
  version: number;
}

/**
 * The text of a store file: one JSON document whose header comes first and whose items sit one
 * per line under `listKey`, so the file stays easy to inspect and diff.
 *
 * @example
 * serializeStoreDocument({ format: "x", version: 1 }, {}, "entries", [{ id: 1 }]);
 */
export function serializeStoreDocument(
  kind: StoreDocumentKind,
  header: Readonly<Record<string, unknown>>,
  listKey: string,
  items: readonly unknown[],
): string {
  const opening = JSON.stringify({ format: kind.format, version: kind.version, ...header }).slice(0, -1);
  const key = JSON.stringify(listKey);
  if (items.length === 0) return `${opening},${key}:[]}\n`;
  return `${opening},${key}:[\n${items.map((item) => JSON.stringify(item)).join(",\n")}\n]}\n`;
}

/**
 * Parses a store file written by `serializeStoreDocument`, checking its format, version and that
 * `listKey` holds an array. Anything else is a ConfigurationError naming `file`.
 *
 * @example
 * const { document, items } = parseStoreDocument(text, file, kind, "entries");
 */
export function parseStoreDocument(
  text: string,
  file: string,
  kind: StoreDocumentKind,
  listKey: string,
): { document: Record<string, unknown>; items: unknown[] } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw corruptFileError(file, `it is not valid JSON (${(error as Error).message})`, error);
  }
  if (!isPlainObject(document) || document["format"] !== kind.format) {
    throw corruptFileError(file, `it does not start with "format": "${kind.format}"`);
  }
  if (document["version"] !== kind.version) {
    throw corruptFileError(
      file,
      `format version ${JSON.stringify(document["version"])} is not supported (expected ${kind.version})`,
    );
  }
  const items = document[listKey];
  if (!Array.isArray(items)) throw corruptFileError(file, `"${listKey}" is not an array`);
  return { document, items };
}
