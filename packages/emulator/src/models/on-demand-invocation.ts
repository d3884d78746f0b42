import { servedFamilies } from "../families/served-families.js";
import { validationError } from "../protocol/aws-service-error.js";
import { geoProfileId } from "./geo-prefixes.js";

// Models Bedrock serves on InvokeModel only through an inference profile (system or application).
const profileOnlyModels = new Set(
  servedFamilies.filter((family) => family.onDemandNeedsProfile).flatMap((family) => family.modelIds),
);
const inferenceProfileArn = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\d{12}:(?:application-)?inference-profile\//;

/**
 * Throws Bedrock's on-demand-throughput ValidationException when a profile-only model (Marengo 2.7) is
 * invoked by its bare id or foundation-model ARN rather than through an inference profile.
 */
export function assertOnDemandInvocable(
  modelIdentifier: string,
  modelId: string,
  applicationInferenceProfiles: Readonly<Record<string, string>>,
): void {
  if (!profileOnlyModels.has(modelId)) return;
  const throughProfile =
    geoProfileId.test(modelIdentifier) ||
    inferenceProfileArn.test(modelIdentifier) ||
    Object.hasOwn(applicationInferenceProfiles, modelIdentifier);
  if (throughProfile) return;
  throw validationError(
    `Invocation of model ID ${modelId} with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
  );
}
