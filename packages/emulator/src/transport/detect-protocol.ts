import type { Socket } from "node:net";

/** Every HTTP/2 prior-knowledge connection opens with exactly these 24 bytes (RFC 9113 §3.4). */
export const http2Preface = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

export type WireProtocol = "http/1.1" | "h2c";

/**
 * Reads just enough of a new connection to tell an HTTP/2 preface from an HTTP/1.1 request line, then
 * pauses the socket and reports the protocol plus the bytes consumed so they can be replayed.
 */
export function detectProtocol(
  socket: Socket,
  onDetected: (protocol: WireProtocol, alreadyRead: Buffer) => void,
): void {
  let received = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    received = Buffer.concat([received, chunk]);
    const compared = Math.min(received.length, http2Preface.length);
    const matchesSoFar = received.subarray(0, compared).equals(http2Preface.subarray(0, compared));
    if (matchesSoFar && received.length < http2Preface.length) return;
    // Pause before detaching the listener; otherwise the socket keeps flowing and bytes are lost.
    socket.pause();
    socket.off("data", onData);
    onDetected(matchesSoFar ? "h2c" : "http/1.1", received);
  };
  socket.on("data", onData);
}
