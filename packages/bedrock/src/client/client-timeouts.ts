import { DEFAULT_TIMEOUTS } from "../call/timeouts.js";

/**
 * Streams one HTTP/2 session carries at once. The SDK's default gives every request a session
 * (a TCP and TLS handshake) of its own, which was a third of the client's CPU per embedding in a
 * profile; pooled sessions reuse connections. A few streams per session rather than all of them,
 * so one lost packet (TCP delivers in order) stalls a few calls, not every call in flight.
 *
 * @example
 * STREAMS_PER_SESSION; // 4
 */
export const STREAMS_PER_SESSION = 4;

/**
 * Options of the SDK's HTTP/2 handler (Bedrock Runtime's default transport): a stream or session
 * that sees no traffic for `idleMs` is closed with a TimeoutError, so nothing below the
 * embedder's own per-attempt timer can wait forever. Sessions are pooled and reused, a few
 * streams each (see `STREAMS_PER_SESSION`); event streams still get sessions of their own.
 *
 * @example
 * new BedrockRuntimeClient({ ...config, requestHandler: http2HandlerOptions(120_000) });
 */
export function http2HandlerOptions(idleMs: number): {
  requestTimeout: number;
  sessionTimeout: number;
  disableConcurrentStreams: false;
  maxConcurrentStreams: number;
} {
  return {
    requestTimeout: idleMs,
    sessionTimeout: idleMs,
    disableConcurrentStreams: false,
    maxConcurrentStreams: STREAMS_PER_SESSION,
  };
}

/**
 * Options of the SDK's HTTP/1.1 handler (the Bedrock control plane, S3): a TCP connection must
 * open within `connectionMs`, and a request with no traffic for `idleMs` fails with a TimeoutError.
 *
 * @example
 * new S3Client({ ...config, requestHandler: httpHandlerOptions(DEFAULT_TIMEOUTS.objectStoreIdleMs) });
 */
export function httpHandlerOptions(
  idleMs: number,
  connectionMs: number = DEFAULT_TIMEOUTS.connectionMs,
): { connectionTimeout: number; requestTimeout: number } {
  return { connectionTimeout: connectionMs, requestTimeout: idleMs };
}

/**
 * The transport's idle limit for an embedder's runtime client: the longest attempt it may make
 * (media, or `requestTimeoutMs`) and a second more, so the embedder's own timer fires first and
 * names the option to raise.
 *
 * @example
 * runtimeIdleTimeoutMs(undefined); // 121000
 */
export function runtimeIdleTimeoutMs(requestTimeoutMs: number | undefined): number {
  return (
    (requestTimeoutMs ?? Math.max(DEFAULT_TIMEOUTS.textAttemptMs, DEFAULT_TIMEOUTS.mediaAttemptMs)) + 1_000
  );
}
