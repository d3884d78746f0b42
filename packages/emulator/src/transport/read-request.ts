import type { IncomingHttpHeaders } from "node:http";
import type { IncomingHttpHeaders as IncomingHttp2Headers } from "node:http2";
import type { ServerRequest } from "./dual-protocol-server.js";

/** A request reduced to what the emulator needs, the same for HTTP/1.1 and HTTP/2. */
export interface ReadRequest {
  method: string;
  /** Raw request-target exactly as sent (still percent-encoded). */
  target: string;
  httpVersion: "1.1" | "2";
  /**
   * Lower-case names. Under HTTP/2 `:authority` is kept (the SDK lists it in SignedHeaders) and also copied
   * to `host`; other pseudo-headers are dropped.
   */
  headers: Record<string, string>;
  body: Buffer;
  /** Set when the body passed `maxBodyBytes`; the bytes beyond it were discarded. */
  bodyTooLarge: boolean;
}

export async function readRequest(request: ServerRequest, maxBodyBytes: number): Promise<ReadRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  let bodyTooLarge = false;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) bodyTooLarge = true;
    else chunks.push(chunk);
  }
  return {
    method: request.method ?? "GET",
    target: request.url ?? "/",
    httpVersion: request.httpVersion.startsWith("2") ? "2" : "1.1",
    headers: flattenHeaders(request.headers),
    body: bodyTooLarge ? Buffer.alloc(0) : Buffer.concat(chunks),
    bodyTooLarge,
  };
}

function flattenHeaders(headers: IncomingHttpHeaders | IncomingHttp2Headers): Record<string, string> {
  const flattened: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || (name.startsWith(":") && name !== ":authority")) continue;
    flattened[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : String(value);
  }
  const authority = headers[":authority"];
  if (flattened["host"] === undefined && typeof authority === "string") flattened["host"] = authority;
  return flattened;
}
