import { timingSafeEqual } from "node:crypto";
import { AwsServiceError } from "../protocol/aws-service-error.js";
import { sigV4Algorithm } from "./authorization-header.js";
import type { AccessKeyPair, ReceivedRequest } from "./verify-sigv4.js";
import { verifySigV4 } from "./verify-sigv4.js";

export interface AuthenticationSettings {
  mode: "required" | "none";
  keyPairs: readonly AccessKeyPair[];
  bearerTokens: readonly string[];
}

/** Accepts either SigV4 or a Bedrock API key (`Authorization: Bearer ...`), as the real endpoint does. */
export function authenticate(request: ReceivedRequest, settings: AuthenticationSettings): void {
  if (settings.mode === "none") return;
  const authorization = request.headers["authorization"];
  if (authorization === undefined || authorization.trim() === "") {
    throw new AwsServiceError("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
  }
  if (/^bearer\s/i.test(authorization)) {
    assertKnownBearerToken(authorization.replace(/^bearer\s+/i, "").trim(), settings.bearerTokens);
    return;
  }
  if (authorization.startsWith(`${sigV4Algorithm} `)) {
    verifySigV4(request, authorization, settings.keyPairs);
    return;
  }
  throw new AwsServiceError(
    "IncompleteSignatureException",
    403,
    `Authorization header must use the ${sigV4Algorithm} or Bearer scheme.`,
  );
}

function assertKnownBearerToken(token: string, bearerTokens: readonly string[]): void {
  const provided = Buffer.from(token, "utf8");
  const known = bearerTokens.some((candidate) => {
    const expected = Buffer.from(candidate, "utf8");
    return expected.length === provided.length && timingSafeEqual(expected, provided);
  });
  if (!known) {
    // The live service answers an unknown API key with a 403 AccessDeniedException.
    throw new AwsServiceError(
      "AccessDeniedException",
      403,
      "Authentication failed: Please make sure your API Key is valid.",
    );
  }
}
