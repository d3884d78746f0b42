import { timingSafeEqual } from "node:crypto";
import { AwsServiceError } from "../protocol/aws-service-error.js";
import { formatAmzDate, parseAmzDate } from "./amz-date.js";
import type { ParsedSigV4Authorization } from "./authorization-header.js";
import { parseSigV4Authorization, sigV4Algorithm } from "./authorization-header.js";
import { canonicalRequest } from "./canonical-request.js";
import { sha256Hex, signatureHex, signingKey } from "./signing-key.js";

export interface AccessKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A request as received, with lower-case header names (`:authority` included under HTTP/2). */
export interface ReceivedRequest {
  method: string;
  target: string;
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

const serviceName = "bedrock";
const allowedSkewMilliseconds = 15 * 60 * 1000;
const unsignedPayloadMarkers = ["UNSIGNED-PAYLOAD", "STREAMING-"];

export const signatureMismatchMessage =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.";

function invalidSignature(message: string): AwsServiceError {
  return new AwsServiceError("InvalidSignatureException", 403, message);
}

/**
 * Verifies an `AWS4-HMAC-SHA256` Authorization header the way AWS does: only the headers the client listed
 * in SignedHeaders, the raw request-target, the declared (and checked) payload hash, and a 15-minute clock window.
 * Throws an AwsServiceError naming the first problem.
 */
export function verifySigV4(
  request: ReceivedRequest,
  authorizationHeader: string,
  keyPairs: readonly AccessKeyPair[],
  now: Date = new Date(),
): void {
  const authorization = parseSigV4Authorization(authorizationHeader);
  const keyPair = keyPairs.find((candidate) => candidate.accessKeyId === authorization.accessKeyId);
  if (!keyPair) {
    throw new AwsServiceError(
      "UnrecognizedClientException",
      403,
      "The security token included in the request is invalid.",
    );
  }
  const amzDate = request.headers["x-amz-date"] ?? "";
  const requestTime = parseAmzDate(amzDate);
  if (!requestTime) {
    throw new AwsServiceError(
      "IncompleteSignatureException",
      403,
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  assertWithinClockSkew(requestTime, now);
  assertScope(authorization, amzDate);
  const payloadHash = declaredPayloadHash(request);
  const canonical = canonicalRequest({
    method: request.method,
    target: request.target,
    headers: request.headers,
    signedHeaders: authorization.signedHeaders,
    payloadHash,
  });
  const scope = [
    authorization.scopeDate,
    authorization.region,
    authorization.service,
    authorization.terminator,
  ];
  const stringToSign = [sigV4Algorithm, amzDate, scope.join("/"), sha256Hex(canonical)].join("\n");
  const key = signingKey(keyPair.secretAccessKey, authorization.scopeDate, authorization.region, serviceName);
  const expected = Buffer.from(signatureHex(key, stringToSign), "utf8");
  const provided = Buffer.from(authorization.signature.toLowerCase(), "utf8");
  if (expected.length !== provided.length || !timingSafeEqual(expected, provided)) {
    throw invalidSignature(signatureMismatchMessage);
  }
}

function assertWithinClockSkew(requestTime: Date, now: Date): void {
  const skew = requestTime.getTime() - now.getTime();
  if (skew < -allowedSkewMilliseconds) {
    const earliest = formatAmzDate(new Date(now.getTime() - allowedSkewMilliseconds));
    throw invalidSignature(
      `Signature expired: ${formatAmzDate(requestTime)} is now earlier than ${earliest} (${formatAmzDate(now)} - 15 min.)`,
    );
  }
  if (skew > allowedSkewMilliseconds) {
    const latest = formatAmzDate(new Date(now.getTime() + allowedSkewMilliseconds));
    throw invalidSignature(
      `Signature not yet current: ${formatAmzDate(requestTime)} is still later than ${latest} (${formatAmzDate(now)} + 15 min.)`,
    );
  }
}

function assertScope(authorization: ParsedSigV4Authorization, amzDate: string): void {
  if (authorization.scopeDate !== amzDate.slice(0, 8)) {
    throw invalidSignature(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${authorization.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (authorization.service !== serviceName) {
    throw invalidSignature(`Credential should be scoped to correct service: '${serviceName}'. `);
  }
  if (authorization.terminator !== "aws4_request") {
    throw invalidSignature("Credential should be scoped with a valid terminator: 'aws4_request'. ");
  }
  if (!authorization.signedHeaders.includes("host") && !authorization.signedHeaders.includes(":authority")) {
    throw invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
}

// The client's declared hash is what it signed; it must also match the body, or the body was altered in transit.
function declaredPayloadHash(request: ReceivedRequest): string {
  const actual = sha256Hex(request.body);
  const declared = request.headers["x-amz-content-sha256"];
  if (declared === undefined) return actual;
  if (unsignedPayloadMarkers.some((marker) => declared.startsWith(marker))) return declared;
  if (declared.toLowerCase() !== actual) throw invalidSignature(signatureMismatchMessage);
  return declared;
}
