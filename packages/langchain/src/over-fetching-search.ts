import { ConfigurationError } from "@bedrock-embeddings/core";
import { type FilterExpression, matchesFilter, type VectorStoreHit } from "@bedrock-embeddings/memory";
import type { DocumentInterface } from "@langchain/core/documents";
import type { VectorStoreInterface } from "@langchain/core/vectorstores";
import { readDocument } from "./langchain-document-codec.js";

/**
 * One search of `searchWithOverFetch`.
 *
 * @example
 * const search: OverFetchingSearch = { store, query, filter, limit: 5, overFetch: 4, ... };
 */
export interface OverFetchingSearch {
  store: VectorStoreInterface;
  query: number[];
  /** Evaluated here on every hit with `matchesFilter`. */
  filter: FilterExpression | undefined;
  limit: number;
  /** The store's own filter, narrowing what it returns; undefined to read everything. */
  storeFilter: VectorStoreInterface["FilterType"] | undefined;
  /** Hits read per hit wanted when there is a filter. */
  overFetch: number;
  similarityFromScore: (score: number) => number;
  /** Insertion order of an id (ties keep it); undefined for ids the caller did not write. */
  orderOf: (id: string) => number | undefined;
  /** Names the store in errors, e.g. "The LangChain store (memory)". */
  storeName: string;
}

/**
 * The `limit` best hits matching `filter`, best first. LangChain stores differ in which filters
 * they understand, so the filter is evaluated here: the store is asked for more hits than wanted,
 * twice as many each round, until `limit` hits match and nothing unread can tie the last of them,
 * or the store has no more. A filter matching fewer than `limit` records reads the whole store.
 *
 * @example
 * const hits = await searchWithOverFetch({ store, query, filter: parseFilter({ user_id: "alice" }), limit: 5, ... });
 */
export async function searchWithOverFetch(search: OverFetchingSearch): Promise<VectorStoreHit[]> {
  const { store, query, filter, limit } = search;
  // One more than asked, so a tie at the limit shows; with a filter, more still (most hits may not match).
  let wanted = filter ? limit * search.overFetch : limit + 1;
  for (;;) {
    const found = await store.similaritySearchVectorWithScore(query, wanted, search.storeFilter);
    const matches = matchingHits(found, search);
    const last = found.at(-1);
    const cutoff = matches[limit - 1];
    // The store returns hits best first, so nothing unread beats the last one read.
    const settled = cutoff && last && rankKey(search.similarityFromScore(last[1])) < rankKey(cutoff.score);
    if (found.length < wanted || settled) return matches.slice(0, limit);
    wanted *= 2;
  }
}

/** Hits matching the filter, one per id, best first; equal scores in insertion order. */
function matchingHits(
  found: readonly [DocumentInterface, number][],
  search: OverFetchingSearch,
): VectorStoreHit[] {
  const seen = new Set<string>();
  const hits: (VectorStoreHit & { order: number })[] = [];
  for (const [document, score] of found) {
    const { id, payload } = readDocument(document);
    if (!matchesFilter(payload, search.filter)) continue;
    if (id === undefined) {
      throw new ConfigurationError(`${search.storeName} returned a document without the adapter's id.`, {
        fix: "Give memories their own collection or index, so documents of other data never mix with them.",
      });
    }
    if (seen.has(id)) continue;
    seen.add(id);
    const order = search.orderOf(id) ?? Number.MAX_SAFE_INTEGER;
    hits.push({ id, payload, score: search.similarityFromScore(score), order });
  }
  // Array.prototype.sort is stable: records of unknown order keep the store's order.
  hits.sort((left, right) => rankKey(right.score) - rankKey(left.score) || left.order - right.order);
  return hits.map(({ id, payload, score }) => ({ id, payload, score }));
}

/** Scores equal to 1e-9 are ties: float rounding must not reorder vectors of the same direction. */
function rankKey(score: number): number {
  return Math.round(score * 1e9);
}
