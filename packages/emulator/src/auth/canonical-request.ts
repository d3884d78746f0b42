import { sigv4Escape } from "./uri-escape.js";

/** The parts of a request SigV4 signs, as they arrived on the wire. */
export interface SignableRequest {
  method: string;
  /** The raw request-target, still percent-encoded, e.g. `/model/amazon.titan-embed-text-v2%3A0/invoke`. */
  target: string;
  /** Lower-case header names, including `:authority` under HTTP/2. */
  headers: Readonly<Record<string, string>>;
  signedHeaders: readonly string[];
  payloadHash: string;
}

export function canonicalRequest(request: SignableRequest): string {
  const queryStart = request.target.indexOf("?");
  const path = queryStart === -1 ? request.target : request.target.slice(0, queryStart);
  const query = queryStart === -1 ? "" : request.target.slice(queryStart + 1);
  return [
    request.method.toUpperCase(),
    canonicalPath(path),
    canonicalQuery(query),
    canonicalHeaders(request.headers, request.signedHeaders),
    request.signedHeaders.join(";"),
    request.payloadHash,
  ].join("\n");
}

/**
 * Non-S3 services sign the already-encoded path encoded once more, so `%3A` on the wire is `%253A` here.
 * Dot segments and empty segments are normalized first, as the SDK signer does.
 */
export function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailingSlash = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  const normalized = `/${segments.join("/")}${trailingSlash}`;
  return sigv4Escape(normalized).replace(/%2F/g, "/");
}

export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === "") return "";
  const pairs = rawQuery
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const separator = pair.indexOf("=");
      const key = separator === -1 ? pair : pair.slice(0, separator);
      const value = separator === -1 ? "" : pair.slice(separator + 1);
      return [sigv4Escape(safeDecode(key)), sigv4Escape(safeDecode(value))] as const;
    })
    .filter(([key]) => key.toLowerCase() !== "x-amz-signature");
  pairs.sort(([keyA, valueA], [keyB, valueB]) =>
    keyA === keyB ? compareStrings(valueA, valueB) : compareStrings(keyA, keyB),
  );
  return pairs.map(([key, value]) => `${key}=${value}`).join("&");
}

function canonicalHeaders(
  headers: Readonly<Record<string, string>>,
  signedHeaders: readonly string[],
): string {
  return signedHeaders
    .map((name) => `${name}:${(headers[name] ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
}

// Byte order, not locale order, as SigV4 requires.
function compareStrings(left: string, right: string): number {
  if (left < right) return -1;
  return left > right ? 1 : 0;
}

function safeDecode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    // A stray `%` is signed literally by clients that never encoded it; keep it as sent.
    return component;
  }
}
