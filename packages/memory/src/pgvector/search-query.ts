import type { FilterExpression } from "../filter/filter-expression.js";
import { compileFilter, type FilterDialect } from "./compile-filter.js";
import type { AnnIndex } from "./schema.js";
import { SqlParameters } from "./sql-parameters.js";
import type { TableNames } from "./table-names.js";

/**
 * One search as SQL: the statement and its values, and for an index search the HNSW candidate
 * list size to set first (`hnsw.ef_search`, transaction-local).
 *
 * @example
 * const { sql, values, efSearch } = searchQuery({ names, annIndex, dimension, dialect, vectorText, limit });
 */
export interface SearchQuery {
  sql: string;
  values: unknown[];
  /** Set when the statement may use the HNSW index. */
  efSearch?: number;
}

/**
 * What a search needs: the table, its index, the query vector as pgvector text, filter and limit.
 *
 * @example
 * const request: SearchRequest = { names, annIndex: "vector", dimension: 1024, dialect, vectorText, limit: 20 };
 */
export interface SearchRequest {
  names: TableNames;
  annIndex: AnnIndex;
  dimension: number;
  dialect: FilterDialect;
  vectorText: string;
  filter?: FilterExpression;
  limit: number;
}

/** pgvector's largest `hnsw.ef_search`; its default is 40. */
const MAX_EF_SEARCH = 1_000;
const MIN_EF_SEARCH = 40;

/**
 * The SQL of a search, best first, ties (scores equal to 1e-9) in insertion order.
 *
 * A filtered search (every memory search: it is scoped) is exact: it ranks every matching row, found
 * through the scope's index, so a selective filter never loses matches to an approximate index. An
 * unfiltered search on a table with an HNSW index takes the index's nearest candidates (twice the
 * limit, at least 40) and ranks them at full precision: approximate on large tables, as HNSW is.
 * Without an index, or for more than 500 hits, every search is exact.
 *
 * @example
 * const query = searchQuery({ names, annIndex, dimension: 2, dialect, vectorText: "[1,0]", limit: 5 });
 */
export function searchQuery(request: SearchRequest): SearchQuery {
  const parameters = new SqlParameters();
  const query = `${parameters.add(request.vectorText)}::vector`;
  // Scores are computed in SQL as 1 - cosine distance, clamped as floats can overshoot.
  const scored = `greatest(-1, least(1, 1 - (embedding <=> ${query}))) AS score`;
  const ranking = "ORDER BY round(score * 1e9) DESC, seq";
  const candidates = Math.max(MIN_EF_SEARCH, 2 * request.limit);
  if (request.filter !== undefined || request.annIndex === "none" || candidates > MAX_EF_SEARCH) {
    // Ordering by a rounded score, which no index provides, makes this an exact scan of the matches.
    const where = compileFilter(request.filter, parameters, request.dialect);
    return {
      sql:
        `SELECT id, payload::text AS payload, score FROM (SELECT id, seq, payload, ${scored} ` +
        `FROM ${request.names.memories} WHERE ${where}) AS scored ${ranking} LIMIT ${parameters.add(request.limit)}`,
      values: parameters.values,
    };
  }
  const distance =
    request.annIndex === "halfvec"
      ? `embedding::halfvec(${request.dimension}) <=> ${parameters.add(request.vectorText)}::halfvec(${request.dimension})`
      : `embedding <=> ${query}`;
  return {
    sql:
      `SELECT id, payload::text AS payload, score FROM (SELECT id, seq, payload, ${scored} ` +
      `FROM ${request.names.memories} ORDER BY ${distance} LIMIT ${parameters.add(candidates)}) AS candidates ` +
      `${ranking} LIMIT ${parameters.add(request.limit)}`,
    values: parameters.values,
    efSearch: candidates,
  };
}
