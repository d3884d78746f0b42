import { randomBytes } from "node:crypto";
import type { ReceivedRequest } from "../auth/verify-sigv4.js";
import { AwsServiceError, validationError } from "../protocol/aws-service-error.js";
import { unparseableBodyError } from "../validation/malformed-input.js";

/** The account every emulated ARN belongs to. */
export const emulatorAccountId = "123456789012";

/** The region a SigV4 request was signed for (its credential scope), else us-east-1 (bearer tokens, no auth). */
export function requestRegion(request: ReceivedRequest): string {
  const scope = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(request.headers["authorization"] ?? "");
  return scope?.[1] ?? "us-east-1";
}

/** AWS's generic constraint-violation message: "2 validation errors detected: ...; ...". */
export function constraintViolation(problems: readonly string[]): AwsServiceError {
  const count = problems.length;
  return validationError(
    `${count} validation error${count === 1 ? "" : "s"} detected: ${problems.join("; ")}`,
  );
}

/** The JSON object body of a restJson1 request (an empty body is an empty object). */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (cause) {
    throw unparseableBodyError(cause);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw validationError("The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** A random id of lowercase letters and digits, the shape of async-invoke and batch job ids. */
export function randomJobId(length = 12): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join("");
}

/** JSON with object keys sorted, so two equal requests compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The decoded query string of a request target. */
export function queryOf(target: string): URLSearchParams {
  const index = target.indexOf("?");
  return new URLSearchParams(index === -1 ? "" : target.slice(index + 1));
}

/** Options shared by the List operations: time window, status, sort order and page position. */
export interface ListQuery {
  submitTimeAfter?: number;
  submitTimeBefore?: number;
  statusEquals?: string;
  maxResults: number;
  offset: number;
  descending: boolean;
}

/** Parses and checks the List query parameters the way the service model constrains them. */
export function parseListQuery(
  query: URLSearchParams,
  statuses: readonly string[],
  sortByValues: readonly string[],
): ListQuery {
  const problems: string[] = [];
  const time = (name: string): number | undefined => {
    const text = query.get(name);
    if (text === null) return undefined;
    const parsed = Date.parse(text);
    if (Number.isNaN(parsed))
      problems.push(`Value '${text}' at '${name}' failed to satisfy constraint: Member must be a timestamp`);
    return parsed;
  };
  const result: ListQuery = { maxResults: 1000, offset: 0, descending: true };
  const after = time("submitTimeAfter");
  const before = time("submitTimeBefore");
  if (after !== undefined) result.submitTimeAfter = after;
  if (before !== undefined) result.submitTimeBefore = before;
  const status = query.get("statusEquals");
  if (status !== null) {
    if (!statuses.includes(status)) {
      problems.push(
        `Value '${status}' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [${statuses.join(", ")}]`,
      );
    }
    result.statusEquals = status;
  }
  const maxResults = query.get("maxResults");
  if (maxResults !== null) {
    const parsed = Number(maxResults);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > 1000) {
      problems.push(
        `Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`,
      );
    }
    result.maxResults = parsed;
  }
  const sortBy = query.get("sortBy");
  if (sortBy !== null && !sortByValues.includes(sortBy)) {
    problems.push(
      `Value '${sortBy}' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [${sortByValues.join(", ")}]`,
    );
  }
  const sortOrder = query.get("sortOrder");
  if (sortOrder !== null && sortOrder !== "Ascending" && sortOrder !== "Descending") {
    problems.push(
      `Value '${sortOrder}' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [Ascending, Descending]`,
    );
  }
  result.descending = sortOrder !== "Ascending";
  if (problems.length > 0) throw constraintViolation(problems);
  const nextToken = query.get("nextToken");
  if (nextToken !== null) result.offset = decodePageToken(nextToken);
  return result;
}

/** Filters, sorts and pages records by submit time; returns the page and the token for the next one. */
export function pageOf<T extends { submitTime: Date; status: string }>(
  records: Iterable<T>,
  query: ListQuery,
): { page: T[]; nextToken?: string } {
  const matching = [...records]
    .filter((record) => query.statusEquals === undefined || record.status === query.statusEquals)
    .filter(
      (record) => query.submitTimeAfter === undefined || record.submitTime.getTime() > query.submitTimeAfter,
    )
    .filter(
      (record) =>
        query.submitTimeBefore === undefined || record.submitTime.getTime() < query.submitTimeBefore,
    )
    .sort((left, right) => left.submitTime.getTime() - right.submitTime.getTime());
  if (query.descending) matching.reverse();
  const page = matching.slice(query.offset, query.offset + query.maxResults);
  const nextOffset = query.offset + page.length;
  return nextOffset < matching.length ? { page, nextToken: encodePageToken(nextOffset) } : { page };
}

function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64url");
}

function decodePageToken(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown };
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the error below: the token was not one this emulator issued.
  }
  throw validationError("The provided nextToken is invalid.");
}

/** The ISO-8601 form every timestamp in these APIs uses. */
export function isoTime(date: Date | undefined): string | undefined {
  return date?.toISOString();
}

/** 404 ResourceNotFoundException, as the control plane answers for unknown jobs and profiles. */
export function resourceNotFound(message: string): AwsServiceError {
  return new AwsServiceError("ResourceNotFoundException", 404, message);
}

/** 400 ConflictException, for a reused clientRequestToken with different parameters. */
export function conflict(message: string): AwsServiceError {
  return new AwsServiceError("ConflictException", 400, message);
}
