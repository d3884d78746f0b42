import type { EmulatorJobs } from "../async/emulator-jobs.js";
import type { AuthenticationSettings } from "../auth/authenticate.js";
import { authenticate } from "../auth/authenticate.js";
import type { ReceivedRequest } from "../auth/verify-sigv4.js";
import type { FaultQueue } from "../faults/fault-queue.js";
import { assertOnDemandInvocable } from "../models/on-demand-invocation.js";
import { resolveModelIdentifier } from "../models/resolve-model-identifier.js";
import { familyFor } from "../models/served-models.js";
import type { EmulatorResponse } from "../protocol/response.js";
import { jsonResponse } from "../protocol/response.js";
import { prefetchS3Sources } from "../s3/s3-sources.js";
import type { InvokeTrafficGate } from "../traffic/invoke-traffic-gate.js";
import { assertAcceptedContentType, parseJsonBody } from "./parse-json-body.js";

export interface InvokeSettings {
  authentication: AuthenticationSettings;
  faults: FaultQueue;
  applicationInferenceProfiles: Readonly<Record<string, string>>;
  /** This request's quotas, latency and seeded faults (see `traffic/`); absent means none. */
  traffic?: InvokeTrafficGate;
  /** S3 access (for `s3Location` media sources), async invocations and batch jobs; absent means no S3. */
  jobs?: EmulatorJobs;
}

/**
 * `POST /model/{modelId}/invoke`, in the service's order: authenticate, then any injected fault
 * (standing in for throttling and outages), then a drawn traffic fault, then model id, then the body,
 * then the model's quotas.
 */
export async function invokeModel(
  request: ReceivedRequest,
  modelIdentifier: string,
  requestId: string,
  settings: InvokeSettings,
): Promise<EmulatorResponse> {
  const startedAt = performance.now();
  const resolvedModelId = tryResolve(modelIdentifier, settings.applicationInferenceProfiles);
  settings.traffic?.arrive(resolvedModelId ?? modelIdentifier);
  authenticate(request, settings.authentication);
  const fault = settings.faults.take(
    resolvedModelId === undefined ? [modelIdentifier] : [modelIdentifier, resolvedModelId],
  );
  if (fault) throw fault;
  settings.traffic?.injectFault();
  const modelId = resolveModelIdentifier(modelIdentifier, settings.applicationInferenceProfiles);
  assertOnDemandInvocable(modelIdentifier, modelId, settings.applicationInferenceProfiles);
  assertAcceptedContentType(request.headers["content-type"]);
  const body = parseJsonBody(request.body);
  const result = familyFor(modelId).invoke(body, await prefetchS3Sources(body, settings.jobs?.s3));
  settings.traffic?.charge(modelId, result.inputTokenCount);
  const latencyMilliseconds = Math.max(1, Math.round(performance.now() - startedAt));
  return jsonResponse(200, result.body, requestId, {
    "x-amzn-bedrock-invocation-latency": String(latencyMilliseconds),
    "x-amzn-bedrock-input-token-count": String(result.inputTokenCount),
  });
}

function tryResolve(modelIdentifier: string, profiles: Readonly<Record<string, string>>): string | undefined {
  try {
    return resolveModelIdentifier(modelIdentifier, profiles);
  } catch {
    // Unknown ids still get their ValidationException, just after any fault aimed at them.
    return undefined;
  }
}
