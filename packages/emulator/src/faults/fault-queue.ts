import { AwsServiceError } from "../protocol/aws-service-error.js";
import { defaultErrorMessage } from "../protocol/default-error-messages.js";

/**
 * One injected failure: the next `times` matching invoke requests fail with this AWS error.
 *
 * @example
 * emulator.injectFaults([
 *   { errorType: "ThrottlingException", status: 429, times: 2 },
 *   { errorType: "ModelNotReadyException", status: 429, modelId: "cohere.embed-v4:0" },
 * ]);
 */
export interface InjectedFault {
  errorType: string;
  status: number;
  message?: string;
  /** How many requests this fault fails before normal service resumes; default 1. */
  times?: number;
  /** Only requests for this model match (as sent, or its resolved foundation-model id); default any model. */
  modelId?: string;
}

interface PendingFault {
  fault: InjectedFault;
  remaining: number;
}

/** First-in, first-out faults; each matching request consumes one use of the oldest matching fault. */
export class FaultQueue {
  #pending: PendingFault[] = [];

  add(faults: readonly InjectedFault[]): void {
    for (const fault of faults) {
      const times = fault.times ?? 1;
      if (!Number.isInteger(times) || times < 1) {
        throw new RangeError(`Fault "times" must be a positive integer, got ${String(fault.times)}`);
      }
      if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) {
        throw new RangeError(
          `Fault "status" must be an HTTP error status (400-599), got ${String(fault.status)}`,
        );
      }
      this.#pending.push({ fault: { ...fault }, remaining: times });
    }
  }

  /** Consumes and returns the error for the oldest fault matching any of `modelIds`, if one is queued. */
  take(modelIds: readonly string[]): AwsServiceError | undefined {
    const index = this.#pending.findIndex(
      ({ fault }) => fault.modelId === undefined || modelIds.includes(fault.modelId),
    );
    const pending = this.#pending[index];
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining === 0) this.#pending.splice(index, 1);
    const { errorType, status, message } = pending.fault;
    return new AwsServiceError(errorType, status, message ?? defaultErrorMessage(errorType));
  }

  clear(): void {
    this.#pending = [];
  }
}
