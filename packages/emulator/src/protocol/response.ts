import { randomUUID } from "node:crypto";
import type { AwsServiceError } from "./aws-service-error.js";

/** A fully built HTTP answer, independent of whether it goes out over HTTP/1.1 or HTTP/2. */
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  errorType?: string;
  errorMessage?: string;
}

// The namespace suffix is what the real service sends; the SDK strips everything after the first colon.
const errorTypeNamespace = "http://internal.amazon.com/coral/com.amazon.bedrock/";

export function newRequestId(): string {
  return randomUUID();
}

export function jsonResponse(
  status: number,
  payload: unknown,
  requestId: string,
  extraHeaders: Record<string, string> = {},
): EmulatorResponse {
  return {
    status,
    headers: {
      "content-type": "application/json",
      "x-amzn-requestid": requestId,
      date: new Date().toUTCString(),
      ...extraHeaders,
    },
    body: JSON.stringify(payload),
  };
}

export function errorResponse(error: AwsServiceError, requestId: string): EmulatorResponse {
  const response = jsonResponse(error.status, { message: error.message }, requestId, {
    "x-amzn-errortype": `${error.errorType}:${errorTypeNamespace}`,
  });
  return { ...response, errorType: error.errorType, errorMessage: error.message };
}
