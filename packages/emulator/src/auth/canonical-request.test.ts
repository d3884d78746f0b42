import { describe, expect, it } from "vitest";
import { canonicalPath, canonicalQuery, canonicalRequest } from "./canonical-request.js";
import { sha256Hex, signatureHex, signingKey } from "./signing-key.js";

// Vectors from AWS's published SigV4 test suite (get-vanilla, get-vanilla-query-order-key-case).
const testSuite = {
  secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  amzDate: "20150830T123600Z",
  scope: "20150830/us-east-1/service/aws4_request",
  headers: { host: "example.amazonaws.com", "x-amz-date": "20150830T123600Z" },
};

function sign(target: string): string {
  const canonical = canonicalRequest({
    method: "GET",
    target,
    headers: testSuite.headers,
    signedHeaders: ["host", "x-amz-date"],
    payloadHash: sha256Hex(""),
  });
  const stringToSign = ["AWS4-HMAC-SHA256", testSuite.amzDate, testSuite.scope, sha256Hex(canonical)].join(
    "\n",
  );
  return signatureHex(signingKey(testSuite.secret, "20150830", "us-east-1", "service"), stringToSign);
}

describe("SigV4 canonical request", () => {
  it("matches AWS's published test-suite signatures", () => {
    expect(sign("/")).toBe("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    expect(sign("/?Param2=value2&Param1=value1")).toBe(
      "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
    );
  });

  it("encodes the raw path a second time, as non-S3 services do", () => {
    expect(canonicalPath("/model/amazon.titan-embed-text-v2%3A0/invoke")).toBe(
      "/model/amazon.titan-embed-text-v2%253A0/invoke",
    );
    expect(
      canonicalPath(
        "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc/invoke",
      ),
    ).toBe(
      "/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A123456789012%253Aapplication-inference-profile%252Fabc/invoke",
    );
    expect(canonicalPath("/a/./b//c/../d/")).toBe("/a/b/d/");
  });

  it("sorts and re-escapes the query, dropping any signature parameter", () => {
    expect(canonicalQuery("b=2&a=%20x&X-Amz-Signature=abc&a=(1)")).toBe("a=%20x&a=%281%29&b=2");
  });
});
