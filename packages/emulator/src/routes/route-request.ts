import type { ReceivedRequest } from "../auth/verify-sigv4.js";
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

/** Dispatches one request and converts every failure into an AWS-shaped error response. */
export function routeRequest(request: ReceivedRequest, settings: InvokeSettings): RoutedResponse {
  const requestId = newRequestId();
  const path = request.target.split("?")[0] ?? "";
  const encodedModelId = invokePath.exec(path)?.[1];
  let modelId: string | undefined;
  try {
    if (request.method === "GET" && path === "/_emulator/health") {
      return { response: jsonResponse(200, { status: "ok" }, requestId), requestId };
    }
    if (request.method !== "POST" || encodedModelId === undefined) {
      throw new AwsServiceError(
        "UnknownOperationException",
        404,
        `The Bedrock emulator has no operation for ${request.method} ${path}.`,
      );
    }
    modelId = decodeModelId(encodedModelId);
    return { response: invokeModel(request, modelId, requestId, settings), requestId, modelId };
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
