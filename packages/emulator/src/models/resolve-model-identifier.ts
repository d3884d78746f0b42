import { validationError } from "../protocol/aws-service-error.js";
import { canonicalModelId } from "./served-models.js";

const geoPrefixes = ["us-gov", "us", "eu", "apac", "global", "jp", "au", "amer", "ca"];
const geoPrefixPattern = new RegExp(`^(?:${geoPrefixes.join("|")})\\.`);
const foundationModelArn = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]+::foundation-model\/(.+)$/;
const inferenceProfileArn = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\d{12}:inference-profile\/(.+)$/;

/**
 * Maps whatever a client puts in the URL's `{modelId}` (bare id, geo-prefixed profile id, foundation-model
 * ARN, inference-profile ARN, or a configured application-inference-profile ARN) to a served model id.
 * Throws Bedrock's "invalid identifier" ValidationException for anything else.
 */
export function resolveModelIdentifier(
  modelIdentifier: string,
  applicationInferenceProfiles: Readonly<Record<string, string>> = {},
): string {
  const configuredTarget = Object.hasOwn(applicationInferenceProfiles, modelIdentifier)
    ? applicationInferenceProfiles[modelIdentifier]
    : undefined;
  const identifier = configuredTarget ?? modelIdentifier;
  const bareId =
    foundationModelArn.exec(identifier)?.[1] ??
    inferenceProfileArn.exec(identifier)?.[1]?.replace(geoPrefixPattern, "") ??
    identifier.replace(geoPrefixPattern, "");
  const served = canonicalModelId(bareId);
  if (!served) throw validationError("The provided model identifier is invalid.");
  return served;
}
