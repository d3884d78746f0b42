/**
 * What a call carries, which decides how long one attempt may take: texts come back in a second
 * or two even 96 at a time; images, audio and video are bigger bodies the model must decode.
 *
 * @example
 * const kind: CallKind = modality === "text" ? "text" : "media";
 */
export type CallKind = "text" | "media";

/**
 * The default timeouts, so that an endpoint that accepts a connection and never answers cannot
 * hang anything. Each is far above a healthy call's latency, so only a stalled endpoint meets it.
 *
 * | what                                                                  | default |
 * | --------------------------------------------------------------------- | ------- |
 * | one InvokeModel attempt with texts (Titan, Cohere, Nova, Marengo)      | 60 s    |
 * | one InvokeModel attempt with an image, audio or video                  | 120 s   |
 * | one control-plane attempt (StartAsyncInvoke, GetAsyncInvoke, ListAsyncInvokes, batch jobs, profile lookup) | 30 s |
 * | one S3 request without a byte moving (results, uploaded inputs)        | 60 s    |
 * | opening a TCP connection (HTTP/1.1 clients: control plane, S3)         | 10 s    |
 * | a run (`embed`, `embedBatch`, `embedInputs`) without any answer        | 3 x the attempt timeout: 180 s texts, 360 s media |
 *
 * `requestTimeoutMs` replaces both attempt defaults; `stallTimeoutMs` replaces the run's.
 * Timed-out attempts are retried up to `maxAttempts`; the stall deadline ends the whole run.
 *
 * @example
 * DEFAULT_TIMEOUTS.textAttemptMs; // 60000
 */
export const DEFAULT_TIMEOUTS = {
  textAttemptMs: 60_000,
  mediaAttemptMs: 120_000,
  controlPlaneAttemptMs: 30_000,
  objectStoreIdleMs: 60_000,
  connectionMs: 10_000,
  /** Attempts' worth of time a run may go without an answer before it is stopped. */
  stallAttempts: 3,
} as const;

/**
 * How long one InvokeModel attempt may take: `requestTimeoutMs` when configured, else the
 * default of the call's kind.
 *
 * @example
 * attemptTimeoutMs("media", undefined); // 120000
 */
export function attemptTimeoutMs(kind: CallKind, configured: number | undefined): number {
  if (configured !== undefined) return configured;
  return kind === "text" ? DEFAULT_TIMEOUTS.textAttemptMs : DEFAULT_TIMEOUTS.mediaAttemptMs;
}

/**
 * How long a run may go without any answer from the endpoint before it is stopped:
 * `stallTimeoutMs` when configured, else three attempt timeouts of its slowest kind of call.
 *
 * @example
 * stallTimeoutMs(["text"], { requestTimeoutMs: undefined, stallTimeoutMs: undefined }); // 180000
 */
export function stallTimeoutMs(
  kinds: readonly CallKind[],
  configured: { requestTimeoutMs: number | undefined; stallTimeoutMs?: number | undefined },
): number {
  if (configured.stallTimeoutMs !== undefined) return configured.stallTimeoutMs;
  const longest = Math.max(
    attemptTimeoutMs("text", configured.requestTimeoutMs),
    ...kinds.map((kind) => attemptTimeoutMs(kind, configured.requestTimeoutMs)),
  );
  return DEFAULT_TIMEOUTS.stallAttempts * longest;
}
