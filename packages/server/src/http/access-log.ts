/** Where access log lines go: anything with `write`, such as `process.stderr`. */
export interface LogSink {
  write(text: string): unknown;
}

/** What one access log line says. Never a key, an input text or the `user` field. */
export interface AccessLogEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  model?: string | undefined;
  inputs?: number | undefined;
  /** The key's hash id, when the request presented a known key. */
  keyId?: string | undefined;
}

/**
 * Writes one JSON line per request.
 *
 * @example
 * writeAccessLog(process.stderr, { requestId, method: "POST", path: "/v1/embeddings", status: 200, durationMs: 12 });
 */
export function writeAccessLog(sink: LogSink, entry: AccessLogEntry): void {
  sink.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}
