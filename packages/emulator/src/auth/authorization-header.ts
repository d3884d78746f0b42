import { AwsServiceError } from "../protocol/aws-service-error.js";

/** The three parameters of an `AWS4-HMAC-SHA256` Authorization header. */
export interface ParsedSigV4Authorization {
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  terminator: string;
  signedHeaders: string[];
  signature: string;
}

export const sigV4Algorithm = "AWS4-HMAC-SHA256";

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/bedrock/aws4_request, SignedHeaders=..., Signature=...`. */
export function parseSigV4Authorization(header: string): ParsedSigV4Authorization {
  const parameters = new Map<string, string>();
  for (const part of header.slice(sigV4Algorithm.length).split(",")) {
    const separator = part.indexOf("=");
    if (separator !== -1) parameters.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const missing = ["Credential", "SignedHeaders", "Signature"].filter((name) => !parameters.get(name));
  if (missing.length > 0) {
    throw new AwsServiceError(
      "IncompleteSignatureException",
      403,
      missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" "),
    );
  }
  const credentialParts = (parameters.get("Credential") ?? "").split("/");
  if (credentialParts.length !== 5 || credentialParts.some((part) => part === "")) {
    throw new AwsServiceError(
      "IncompleteSignatureException",
      403,
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.",
    );
  }
  const [accessKeyId, scopeDate, region, service, terminator] = credentialParts as [
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    terminator,
    signedHeaders: (parameters.get("SignedHeaders") ?? "")
      .split(";")
      .map((name) => name.trim().toLowerCase()),
    signature: parameters.get("Signature") ?? "",
  };
}
