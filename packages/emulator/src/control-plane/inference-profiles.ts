import type { EmulatorJobs } from "../async/emulator-jobs.js";
import { geoProfileId } from "../models/geo-prefixes.js";
import { resolveModelIdentifier } from "../models/resolve-model-identifier.js";
import { canonicalModelId } from "../models/served-models.js";
import { emulatorAccountId, isoTime, resourceNotFound } from "./rest-json.js";

const systemProfileArn = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\d{12}:inference-profile\/(.+)$/;

/**
 * `GET /inference-profiles/{inferenceProfileIdentifier}` (GetInferenceProfile): a system profile id such as
 * `us.cohere.embed-v4:0` (or its ARN) for any served model, or an application profile configured with the
 * `applicationInferenceProfiles` option (by ARN or by its id). Anything else is a 404 ResourceNotFoundException.
 */
export function getInferenceProfile(
  identifier: string,
  region: string,
  jobs: EmulatorJobs,
  applicationInferenceProfiles: Readonly<Record<string, string>>,
): unknown {
  const timestamps = { createdAt: isoTime(jobs.startedAt), updatedAt: isoTime(jobs.startedAt) };
  const applicationArn = Object.keys(applicationInferenceProfiles).find(
    (arn) => arn === identifier || arn.slice(arn.lastIndexOf("/") + 1) === identifier,
  );
  if (applicationArn !== undefined) {
    const profileId = applicationArn.slice(applicationArn.lastIndexOf("/") + 1);
    const modelId = resolveModelIdentifier(applicationArn, applicationInferenceProfiles);
    const arnRegion = applicationArn.split(":")[3] || region;
    return {
      inferenceProfileArn: applicationArn,
      inferenceProfileId: profileId,
      inferenceProfileName: profileId,
      description: `Application inference profile for ${modelId} (Bedrock emulator)`,
      models: [{ modelArn: `arn:aws:bedrock:${arnRegion}::foundation-model/${modelId}` }],
      type: "APPLICATION",
      status: "ACTIVE",
      ...timestamps,
    };
  }
  const profileId = systemProfileArn.exec(identifier)?.[1] ?? identifier;
  const match = geoProfileId.exec(profileId);
  const modelId = match?.[2] === undefined ? undefined : canonicalModelId(match[2]);
  if (match === null || modelId === undefined) {
    throw resourceNotFound(`The inference profile ${identifier} was not found.`);
  }
  const geo = match[1] ?? "";
  return {
    inferenceProfileArn: `arn:aws:bedrock:${region}:${emulatorAccountId}:inference-profile/${profileId}`,
    inferenceProfileId: profileId,
    inferenceProfileName: `${geo.toUpperCase()} ${modelId}`,
    description: `Routes requests for ${modelId} across ${geo.toUpperCase()} regions (Bedrock emulator)`,
    models: [{ modelArn: `arn:aws:bedrock:${region}::foundation-model/${modelId}` }],
    type: "SYSTEM_DEFINED",
    status: "ACTIVE",
    ...timestamps,
  };
}
