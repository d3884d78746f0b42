import { validationError } from "../protocol/aws-service-error.js";
import { geoProfileId } from "./geo-prefixes.js";
import { canonicalModelId } from "./served-models.js";

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
    inferenceProfileArn.exec(identifier)?.[1]?.replace(geoProfileId, "$2") ??
    identifier.replace(geoProfileId, "$2");
  const served = canonicalModelId(bareId);
  if (!served) throw validationError("The provided model identifier is invalid.");
  return served;
}
