import { InputError } from "@bedrock-embeddings/core";
import type { JsonObject, JsonValue, VectorStoreBinding } from "@bedrock-embeddings/memory";
import { Document, type DocumentInterface } from "@langchain/core/documents";

/**
 * Metadata keys the adapter adds to every document it writes. The id is kept in metadata because
 * not every LangChain store returns `Document.id` from a search; the binding is kept so a later
 * `initialize` can refuse vectors of another model or dimension.
 */
const RESERVED_PREFIX = "_bedrock_embeddings_";
const ID_KEY = `${RESERVED_PREFIX}id`;
const MODEL_KEY = `${RESERVED_PREFIX}model`;
const DIMENSION_KEY = `${RESERVED_PREFIX}dimension`;

/**
 * A document read back from a LangChain store: the adapter's id, the payload as written and the
 * binding it was written under (undefined for documents the adapter did not write).
 *
 * @example
 * const { id, payload } = readDocument(document);
 */
export interface StoredDocument {
  id: string | undefined;
  payload: JsonObject;
  binding: VectorStoreBinding | undefined;
}

/**
 * The LangChain document for one record: `pageContent` is the memory text (`payload.data`), the
 * metadata is a copy of the payload plus the adapter's id and binding keys.
 *
 * @example
 * const document = toDocument("m1", { data: "likes tea", user_id: "alice" }, binding);
 * document.pageContent; // "likes tea"
 */
export function toDocument(id: string, payload: JsonObject, binding: VectorStoreBinding): Document {
  return new Document({
    id,
    pageContent: typeof payload["data"] === "string" ? payload["data"] : "",
    metadata: {
      ...structuredClone(payload),
      [ID_KEY]: id,
      [MODEL_KEY]: binding.modelId,
      [DIMENSION_KEY]: binding.dimension,
    },
  });
}

/**
 * The id, payload (a copy, the adapter's keys removed) and binding of a document from a search.
 *
 * @example
 * const [[document, score]] = await store.similaritySearchVectorWithScore(vector, 1);
 * readDocument(document).payload; // { data: "likes tea", user_id: "alice" }
 */
export function readDocument(document: DocumentInterface): StoredDocument {
  const metadata = (document.metadata ?? {}) as Record<string, JsonValue>;
  const payload: JsonObject = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (!key.startsWith(RESERVED_PREFIX)) payload[key] = structuredClone(value);
  }
  const storedId = metadata[ID_KEY];
  const model = metadata[MODEL_KEY];
  const dimension = metadata[DIMENSION_KEY];
  return {
    id: typeof storedId === "string" ? storedId : document.id,
    payload,
    binding:
      typeof model === "string" && typeof dimension === "number" ? { modelId: model, dimension } : undefined,
  };
}

/**
 * Throws an InputError when a payload uses a key the adapter reserves for itself.
 *
 * @example
 * assertNoReservedKeys({ data: "likes tea" }, 0); // ok
 */
export function assertNoReservedKeys(payload: JsonObject, index: number): void {
  const reserved = Object.keys(payload).find((key) => key.startsWith(RESERVED_PREFIX));
  if (reserved !== undefined) {
    throw new InputError(`payload key "${reserved}" is reserved by the LangChain vector store adapter.`, {
      index,
      fix: `Rename it: keys starting with "${RESERVED_PREFIX}" hold the adapter's id and binding.`,
    });
  }
}
