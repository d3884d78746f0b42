import type { EmulatorResponse } from "../protocol/response.js";
import type { ServerReply } from "./dual-protocol-server.js";

// Both reply types share this much; naming it avoids calling overloads on a union.
interface MinimalReply {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body: Buffer): unknown;
}

export function writeResponse(reply: ServerReply, response: EmulatorResponse): void {
  const body = Buffer.from(response.body, "utf8");
  (reply as MinimalReply).writeHead(response.status, {
    ...response.headers,
    "content-length": String(body.length),
  });
  (reply as MinimalReply).end(body);
}
