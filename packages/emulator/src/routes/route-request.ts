import { EmulatorJobs } from "../async/emulator-jobs.js";
import type { ReceivedRequest } from "../auth/verify-sigv4.js";
import { matchJobRoute } from "../control-plane/route-jobs.js";
import { AwsServiceError, validationError } from "../protocol/aws-service-error.js";
import type { EmulatorResponse } from "../protocol/response.js";
import { errorResponse, jsonResponse, newRequestId } from "../protocol/response.js";
import type { InvokeSettings } from "./invoke-model.js";
import { invokeModel } from "./invoke-model.js";

export interface RoutedResponse {
  response: EmulatorResponse;
  requestId: string;
  /** The decoded `{modelId}` path segment, for invoke requests. */
  modelId?: string;
}

const invokePath = /^\/model\/([^/]+)\/invoke$/;

// Stands in when the caller built settings without jobs: job APIs then answer that S3 is not configured.
const noJobs = new EmulatorJobs();

/** Dispatches one request and converts every failure into an AWS-shaped error response. */
export async function routeRequest(
  request: ReceivedRequest,
  settings: InvokeSettings,
): Promise<RoutedResponse> {
  const requestId = newRequestId();
  const path = request.target.split("?")[0] ?? "";
  const encodedModelId = invokePath.exec(path)?.[1];
  let modelId: string | undefined;
  try {
    if (request.method === "GET" && path === "/_emulator/health") {
      return { response: jsonResponse(200, { status: "ok" }, requestId), requestId };
    }
    const jobRoute = matchJobRoute(request.method, path);
    if (jobRoute) {
      const payload = await jobRoute(request, { ...settings, jobs: settings.jobs ?? noJobs });
      return { response: jsonResponse(200, payload, requestId), requestId };
    }
    if (request.method !== "POST" || encodedModelId === undefined) {
      throw new AwsServiceError(
        "UnknownOperationException",
        404,
        `The Bedrock emulator has no operation for ${request.method} ${path}.`,
      );
    }
    modelId = decodeModelId(encodedModelId);
    return { response: await invokeModel(request, modelId, requestId, settings), requestId, modelId };
  } catch (error) {
    return { response: errorResponse(asServiceError(error), requestId), requestId, modelId };
  }
}

function decodeModelId(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch (cause) {
    const error = validationError("The provided model identifier is invalid.");
    error.cause = cause;
    throw error;
  }
}

// Anything that is not already an AWS error is an emulator bug: answer 500 but keep the original message.
function asServiceError(error: unknown): AwsServiceError {
  if (error instanceof AwsServiceError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new AwsServiceError("InternalServerException", 500, `The Bedrock emulator failed: ${detail}`, {
    cause: error,
  });
}
