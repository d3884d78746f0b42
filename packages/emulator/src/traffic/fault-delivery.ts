import type { ServerResponse } from "node:http";
import http2 from "node:http2";
import type { EmulatorResponse } from "../protocol/response.js";
import type { ServerReply, ServerRequest } from "../transport/dual-protocol-server.js";
import { writeResponse } from "../transport/write-response.js";
import type { Delivery } from "./traffic-controller.js";

/**
 * Sends `response` normally, or acts out a connection fault:
 * - "reset": no answer. HTTP/1.1 destroys the connection (the client sees ECONNRESET); HTTP/2 resets only
 *   this stream with REFUSED_STREAM, which the AWS SDK retries as transient and which spares the other
 *   requests sharing the session.
 * - "truncate": the headers with the full content-length, half the body, then the connection (HTTP/1.1)
 *   or the stream (HTTP/2, INTERNAL_ERROR) is cut.
 * Does nothing when the client has already gone.
 */
export function deliverResponse(
  request: ServerRequest,
  reply: ServerReply,
  response: EmulatorResponse,
  delivery: Delivery,
): void {
  if (clientGone(reply)) return;
  if (delivery === "reset") {
    cut(request, reply, http2.constants.NGHTTP2_REFUSED_STREAM);
    return;
  }
  if (delivery === "truncate") {
    const body = Buffer.from(response.body, "utf8");
    const minimal = reply as unknown as ServerResponse;
    minimal.writeHead(response.status, { ...response.headers, "content-length": String(body.length) });
    minimal.write(body.subarray(0, Math.floor(body.length / 2)), () =>
      cut(request, reply, http2.constants.NGHTTP2_INTERNAL_ERROR),
    );
    return;
  }
  writeResponse(reply, response);
}

function cut(request: ServerRequest, reply: ServerReply, http2Code: number): void {
  if (reply instanceof http2.Http2ServerResponse) {
    if (!reply.stream.destroyed) reply.stream.close(http2Code);
  } else {
    request.socket.destroy();
  }
}

function clientGone(reply: ServerReply): boolean {
  if (reply instanceof http2.Http2ServerResponse) return reply.stream.destroyed || reply.stream.closed;
  return reply.destroyed || reply.writableEnded;
}
