/**
 * The hooks `invokeModel` calls for one request so quotas, latency and faults apply at the points the
 * service would: the draw on arrival, faults after authentication, quotas once the input tokens are known.
 */
export interface InvokeTrafficGate {
  /** First thing for every invoke request: picks the model's settings and draws its fault and jitter. */
  arrive(modelId: string): void;
  /** After authentication and queued faults: throws the AWS error of a drawn fault. */
  injectFault(): void;
  /** After the model ran: takes one request and its input tokens from the model's quotas, or throws 429. */
  charge(modelId: string, inputTokenCount: number): void;
}
