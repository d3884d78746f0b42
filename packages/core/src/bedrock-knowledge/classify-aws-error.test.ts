import { describe, expect, it } from "vitest";
import { classifyError, retryAfterMs } from "./classify-aws-error.js";

/** An error shaped like the AWS SDK's service exceptions. */
function awsError(
  name: string,
  httpStatusCode: number,
  message: string,
  headers: Record<string, string> = {},
) {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? "server" : "client",
    $metadata: { httpStatusCode, requestId: `req-${name}` },
    $response: { statusCode: httpStatusCode, headers },
  });
}

const networkError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe("classifyError", () => {
  it.each([
    ["ThrottlingException", 429, "throttling", true, true, false],
    ["ModelNotReadyException", 429, "throttling", true, true, false],
    ["ServiceUnavailableException", 503, "server", true, false, false],
    ["InternalServerException", 500, "server", true, false, false],
    ["SomethingNew", 502, "server", true, false, false],
    ["ModelTimeoutException", 408, "model-timeout", true, false, false],
    ["ValidationException", 400, "validation", false, false, false],
    ["AccessDeniedException", 403, "access", false, false, true],
    ["ResourceNotFoundException", 404, "not-found", false, false, true],
    ["UnrecognizedClientException", 403, "auth", false, false, true],
    ["InvalidSignatureException", 403, "auth", false, false, true],
    ["ServiceQuotaExceededException", 400, "quota", false, true, true],
    ["ModelErrorException", 424, "model-error", false, false, false],
  ])("%s (%i) is %s", (name, status, category, retryable, throttling, failsEveryCall) => {
    const classification = classifyError(awsError(name, status, "message"));
    expect(classification).toMatchObject({
      category,
      awsErrorName: name,
      httpStatus: status,
      requestId: `req-${name}`,
      retryable,
      throttling,
      failsEveryCall,
    });
  });

  it("an invalid model id in a ValidationException dooms every call", () => {
    const invalid = classifyError(
      awsError("ValidationException", 400, "The provided model identifier is invalid."),
    );
    expect(invalid).toMatchObject({ category: "invalid-model", failsEveryCall: true, retryable: false });
    const onDemand = awsError(
      "ValidationException",
      400,
      "Invocation of model ID x with on-demand throughput isn't supported.",
    );
    expect(classifyError(onDemand).failsEveryCall).toBe(true);
  });

  it.each(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT"])("network error %s is retryable", (code) => {
    expect(classifyError(networkError(code))).toMatchObject({
      category: "network",
      retryable: true,
      httpStatus: undefined,
    });
  });

  it("socket hang up and TimeoutError are retryable", () => {
    expect(classifyError(new Error("socket hang up")).category).toBe("network");
    expect(classifyError(Object.assign(new Error("late"), { name: "TimeoutError" }))).toMatchObject({
      category: "timeout",
      retryable: true,
    });
  });

  it("HTTP/2 streams the server refused or cut, and network errors wrapped as causes, are retryable", () => {
    const refused = Object.assign(new Error("Stream closed with error code NGHTTP2_REFUSED_STREAM"), {
      code: "ERR_HTTP2_STREAM_ERROR",
    });
    expect(classifyError(refused)).toMatchObject({ category: "network", retryable: true });
    const cut = new Error("HTTP/2 stream is abnormally aborted in mid-communication with result code 2.");
    expect(classifyError(cut)).toMatchObject({ category: "network", retryable: true });
    const truncated = Object.assign(new Error("Stream closed with error code NGHTTP2_INTERNAL_ERROR"), {
      code: "ERR_HTTP2_STREAM_ERROR",
      $metadata: { httpStatusCode: 200 },
    });
    expect(classifyError(truncated)).toMatchObject({ category: "network", retryable: true });
    const wrapped = new Error("request failed", { cause: networkError("ECONNRESET") });
    expect(classifyError(wrapped)).toMatchObject({ category: "network", retryable: true });
    const otherStreamError = Object.assign(
      new Error("Stream closed with error code NGHTTP2_PROTOCOL_ERROR"),
      {
        code: "ERR_HTTP2_STREAM_ERROR",
      },
    );
    expect(classifyError(otherStreamError).retryable).toBe(false);
  });

  it("an abort is not retried", () => {
    const abort = Object.assign(new Error("This operation was aborted"), { name: "AbortError" });
    expect(classifyError(abort).retryable).toBe(false);
  });

  it("credential chain failures doom every call", () => {
    const error = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
    });
    expect(classifyError(error)).toMatchObject({ category: "auth", failsEveryCall: true, retryable: false });
  });

  it("unknown errors and non-errors are not retried", () => {
    expect(classifyError(new Error("boom"))).toMatchObject({
      category: "unknown",
      retryable: false,
      awsErrorName: "Error",
    });
    expect(classifyError("text")).toMatchObject({
      category: "unknown",
      awsErrorName: "UnknownError",
      serviceMessage: "text",
    });
  });

  it("reads retry hints from the error's response headers", () => {
    expect(
      classifyError(awsError("ThrottlingException", 429, "slow", { "Retry-After": "3" })).retryAfterMs,
    ).toBe(3000);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds, HTTP dates and x-amz-retry-after milliseconds", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs({ "retry-after": "2" }, now)).toBe(2000);
    expect(retryAfterMs({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }, now)).toBe(5000);
    expect(retryAfterMs({ "x-amz-retry-after": "750", "retry-after": "9" }, now)).toBe(750);
    expect(retryAfterMs({ "retry-after": "soon" }, now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe("unreachable endpoints", () => {
  it("finds a refused connection under the SDK's stream error, with host:port", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4010"), {
      code: "ECONNREFUSED",
      address: "127.0.0.1",
      port: 4010,
    });
    const wrapped = Object.assign(new Error("The pending stream has been canceled"), {
      code: "ERR_HTTP2_STREAM_CANCEL",
      cause: refused,
    });
    expect(classifyError(wrapped)).toMatchObject({
      category: "network",
      retryable: true,
      unreachable: { code: "ECONNREFUSED", address: "127.0.0.1:4010" },
    });
  });

  it.each(["ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH"])("%s is unreachable", (code) => {
    expect(classifyError(networkError(code)).unreachable).toMatchObject({ code });
  });

  it.each(["ECONNRESET", "EPIPE", "ETIMEDOUT", "EAI_AGAIN"])(
    "%s is a transient fault, not a down endpoint",
    (code) => {
      expect(classifyError(networkError(code))).toMatchObject({
        category: "network",
        unreachable: undefined,
      });
    },
  );
});
