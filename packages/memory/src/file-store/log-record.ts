import { isPlainObject, type JsonObject } from "../json-value.js";

/**
 * One memory in a `put` record; its vector is in the record's vector section, in the same order.
 *
 * @example
 * const item: LogRecordItem = { id: "m1", payload: { data: "likes tea", user_id: "alice" } };
 */
export interface LogRecordItem {
  id: string;
  payload: JsonObject;
  /** Set by compaction, which keeps each memory's original insertion sequence (so cursors stay valid). */
  sequence?: number;
}

/**
 * The JSON header of one log record; the record's history entries and vectors follow it in their
 * own sections. One store call is one record, so a memory and its history are saved, or lost, together.
 * - `bind`: the dimension and model the vectors come from;
 * - `put`: memories added or replaced (`mode` says which call wrote it, for people reading the log;
 *   replay treats every put as an upsert, since the writer checked it under the lock);
 * - `delete`: memories removed;
 * - `reset`: everything before it is gone (compaction starts a file with one, carrying the next
 *   insertion sequence).
 *
 * @example
 * const record: LogRecord = { kind: "delete", ids: ["m1"] };
 */
export type LogRecord =
  | { kind: "bind"; dimension: number; modelId: string }
  | { kind: "put"; mode: "insert" | "upsert" | "update" | "compacted"; records: LogRecordItem[] }
  | { kind: "delete"; ids: string[] }
  | { kind: "reset"; nextSequence?: number };

/**
 * Checks the shape of a parsed record header, so that replay never trips over a record written by
 * another version or damaged in a way the checksum missed. Throws an Error whose message is the problem.
 *
 * @example
 * const record = parseLogRecord(JSON.parse(headerText));
 */
export function parseLogRecord(value: unknown): LogRecord {
  if (!isPlainObject(value)) throw new Error("the record header is not a JSON object");
  switch (value["kind"]) {
    case "bind":
      if (
        !isPositiveInteger(value["dimension"]) ||
        typeof value["modelId"] !== "string" ||
        value["modelId"] === ""
      ) {
        throw new Error("a bind record needs a positive integer dimension and a model id");
      }
      return value as LogRecord;
    case "put":
      if (!Array.isArray(value["records"]) || !value["records"].every(isRecordItem)) {
        throw new Error(
          "a put record needs records with a string id, an object payload and an optional sequence",
        );
      }
      return value as LogRecord;
    case "delete":
      if (!Array.isArray(value["ids"]) || !value["ids"].every((id) => typeof id === "string")) {
        throw new Error("a delete record needs a list of string ids");
      }
      return value as LogRecord;
    case "reset":
      if (value["nextSequence"] !== undefined && !isPositiveInteger(value["nextSequence"])) {
        throw new Error("a reset record's nextSequence must be a positive integer");
      }
      return value as LogRecord;
    default:
      throw new Error(
        `unknown record kind ${JSON.stringify(value["kind"])} (written by a newer version of bedrock-embeddings?)`,
      );
  }
}

function isRecordItem(item: unknown): boolean {
  return (
    isPlainObject(item) &&
    typeof item["id"] === "string" &&
    isPlainObject(item["payload"]) &&
    (item["sequence"] === undefined || isPositiveInteger(item["sequence"]))
  );
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}
