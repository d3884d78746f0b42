import { describe, expect, it } from "vitest";
import { redactHeaders } from "./redact-headers.js";

describe("redactHeaders", () => {
  it("hides signatures, bearer tokens and session tokens but keeps the rest", () => {
    const sigV4 = redactHeaders({
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=abc123",
      "x-amz-security-token": "session-secret",
      "content-type": "application/json",
    });
    expect(sigV4).toEqual({
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=[redacted]",
      "x-amz-security-token": "[redacted]",
      "content-type": "application/json",
    });
    expect(redactHeaders({ authorization: "Bearer my-api-key" })).toEqual({
      authorization: "Bearer [redacted]",
    });
    expect(redactHeaders({ authorization: "Basic dXNlcjpwYXNz" })).toEqual({ authorization: "[redacted]" });
  });
});
