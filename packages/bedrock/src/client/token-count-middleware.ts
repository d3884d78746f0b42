import type { InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { headerValue } from "@bedrock-embeddings/core";

/** Response headers the SDK does not expose on the command output. */
export interface CapturedHeaders {
  /** `x-amzn-bedrock-input-token-count`. */
  inputTokenCount: number | undefined;
  /** `x-amzn-requestid`. */
  requestId: string | undefined;
  httpStatus: number | undefined;
}

const MIDDLEWARE_NAME = "bedrockEmbeddingsCaptureHeaders";

/**
 * Adds a deserialize-step middleware to this one command (not to the client, so an injected
 * client is never mutated) that copies the token-count and request-id headers into the
 * returned object once the response arrives.
 *
 * @example
 * const command = new InvokeModelCommand(input);
 * const headers = captureResponseHeaders(command);
 * await client.send(command);
 * headers.inputTokenCount; // 12
 */
export function captureResponseHeaders(command: InvokeModelCommand): CapturedHeaders {
  const captured: CapturedHeaders = {
    inputTokenCount: undefined,
    requestId: undefined,
    httpStatus: undefined,
  };
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { statusCode?: unknown; headers?: unknown } | undefined;
      const headers = (response?.headers ?? {}) as Record<string, string | undefined>;
      captured.httpStatus = typeof response?.statusCode === "number" ? response.statusCode : undefined;
      captured.inputTokenCount = parseCount(headerValue(headers, "x-amzn-bedrock-input-token-count"));
      captured.requestId =
        headerValue(headers, "x-amzn-requestid") ?? headerValue(headers, "x-amzn-request-id");
      return result;
    },
    { step: "deserialize", name: MIDDLEWARE_NAME, override: true },
  );
  return captured;
}

function parseCount(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  return Number(text);
}
