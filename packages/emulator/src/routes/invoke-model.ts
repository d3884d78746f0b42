import type { AuthenticationSettings } from "../auth/authenticate.js";
import { authenticate } from "../auth/authenticate.js";
import type { ReceivedRequest } from "../auth/verify-sigv4.js";
import type { FaultQueue } from "../faults/fault-queue.js";
import { resolveModelIdentifier } from "../models/resolve-model-identifier.js";
import { familyFor } from "../models/served-models.js";
import type { EmulatorResponse } from "../protocol/response.js";
import { jsonResponse } from "../protocol/response.js";
import type { InvokeTrafficGate } from "../traffic/invoke-traffic-gate.js";
import { assertAcceptedContentType, parseJsonBody } from "./parse-json-body.js";

export interface InvokeSettings {
  authentication: AuthenticationSettings;
  faults: FaultQueue;
  applicationInferenceProfiles: Readonly<Record<string, string>>;
  /** This request's quotas, latency and seeded faults (see `traffic/`); absent means none. */
  traffic?: InvokeTrafficGate;
}

/**
 * `POST /model/{modelId}/invoke`, in the service's order: authenticate, then any injected fault
 * (standing in for throttling and outages), then a drawn traffic fault, then model id, then the body,
 * then the model's quotas.
 */
export function invokeModel(
  request: ReceivedRequest,
  modelIdentifier: string,
  requestId: string,
  settings: InvokeSettings,
): EmulatorResponse {
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
  assertAcceptedContentType(request.headers["content-type"]);
  const result = familyFor(modelId).invoke(parseJsonBody(request.body));
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
