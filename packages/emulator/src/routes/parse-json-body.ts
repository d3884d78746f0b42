import { validationError } from "../protocol/aws-service-error.js";
import { unparseableBodyError } from "../validation/malformed-input.js";

const acceptedContentTypes = new Set(["application/json", "application/octet-stream"]);

/**
 * The SDK sends `application/octet-stream` when the caller sets no contentType, and boto3 sends none at all;
 * the live service takes both, so the emulator does too.
 */
export function assertAcceptedContentType(contentType: string | undefined): void {
  if (contentType === undefined || contentType.trim() === "") return;
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!acceptedContentTypes.has(mediaType)) {
    throw validationError(
      `The Bedrock emulator does not accept content type ${mediaType}; use application/json.`,
    );
  }
}

export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (cause) {
    throw unparseableBodyError(cause);
  }
}

/** Best-effort parse for the request log: the parsed JSON, or undefined when the body is empty or not JSON. */
export function parseJsonForLog(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    // Not JSON: the log records `undefined`, and the request itself already failed with a ValidationException.
    return undefined;
  }
}
