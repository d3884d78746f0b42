import { type BedrockClient, GetInferenceProfileCommand } from "@aws-sdk/client-bedrock";
import { BedrockApiError, BedrockEmbeddingsError, ConfigurationError } from "@bedrock-embeddings/core";
import { redact } from "../call/api-error.js";
import { type RetryPolicy, runWithRetry } from "../call/retry.js";
import { FAMILY_NAMES } from "../families/catalog.js";
import { resolveModel } from "../model-id.js";
import type { ProfileTarget } from "../settings.js";

/** The part of a BedrockClient a lookup uses, so tests can pass a fake. */
export type ControlPlaneClient = Pick<BedrockClient, "send">;

/**
 * Where a lookup goes: an injected client (lookups are shared per client object) or one this
 * package built (shared per endpoint, so every embedder on the same endpoint shares them).
 *
 * @example
 * const scope: LookupScope = { client, key: "https://bedrock.us-east-1.amazonaws.com" };
 */
export interface LookupScope {
  client: ControlPlaneClient;
  /** Set for clients this package built: the endpoint (or "aws") they talk to. */
  key?: string;
}

// Module-level, holding the promise: concurrent first calls and every embedder of the same
// scope share one GetInferenceProfile per ARN. A failed lookup is dropped so a later call retries.
const byClient = new WeakMap<object, Map<string, Promise<ProfileTarget>>>();
const byKey = new Map<string, Map<string, Promise<ProfileTarget>>>();

/**
 * The family and base model behind an application inference profile, from the control plane's
 * GetInferenceProfile (its first model's ARN), looked up once per ARN and scope. Throws
 * BedrockApiError when the lookup fails and ConfigurationError when the profile's model is not
 * one this package knows; both name the ARN and suggest setting `family`.
 *
 * @example
 * const { family } = await lookUpProfileTarget(arn, { client: new BedrockClient({ region }) }, policy, []);
 */
export function lookUpProfileTarget(
  arn: string,
  scope: LookupScope,
  policy: RetryPolicy,
  secrets: readonly string[],
): Promise<ProfileTarget> {
  const cache = cacheFor(scope);
  const cached = cache.get(arn);
  if (cached) return cached;
  const lookup = fetchTarget(arn, scope.client, policy, secrets);
  cache.set(arn, lookup);
  lookup.catch(() => {
    if (cache.get(arn) === lookup) cache.delete(arn);
  });
  return lookup;
}

function cacheFor(scope: LookupScope): Map<string, Promise<ProfileTarget>> {
  const existing = scope.key === undefined ? byClient.get(scope.client) : byKey.get(scope.key);
  if (existing) return existing;
  const created = new Map<string, Promise<ProfileTarget>>();
  if (scope.key === undefined) byClient.set(scope.client, created);
  else byKey.set(scope.key, created);
  return created;
}

async function fetchTarget(
  arn: string,
  client: ControlPlaneClient,
  policy: RetryPolicy,
  secrets: readonly string[],
): Promise<ProfileTarget> {
  const outcome = await runWithRetry(
    () => client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: arn })),
    policy,
    (error) => BedrockEmbeddingsError.isInstance(error),
  );
  const fix = `Allow bedrock:GetInferenceProfile on it, or set family (one of ${FAMILY_NAMES.join(", ")}) so no lookup is needed.`;
  if (!outcome.ok) {
    const failure = outcome.classification;
    const status = failure?.httpStatus === undefined ? "" : ` (HTTP ${failure.httpStatus})`;
    const said = redact(failure?.serviceMessage ?? String(outcome.error), secrets);
    throw new BedrockApiError(
      `Could not look up the model behind application inference profile ${arn}: ${failure?.awsErrorName ?? "Error"}${status}: ${said}`,
      {
        awsErrorName: failure?.awsErrorName ?? "Error",
        httpStatus: failure?.httpStatus,
        requestId: failure?.requestId,
        modelId: arn,
        retryable: failure?.retryable ?? false,
        throttling: failure?.throttling ?? false,
        attempts: outcome.attempts,
        cause: outcome.error,
        fix,
      },
    );
  }
  const modelArn = outcome.value.models?.[0]?.modelArn;
  if (!modelArn) {
    throw new ConfigurationError(`application inference profile ${arn} lists no model.`, {
      path: "family",
      allowed: FAMILY_NAMES,
      fix: `Set family to the family of the model it routes to. ${fix}`,
    });
  }
  try {
    const model = resolveModel(modelArn);
    return { family: model.family, baseModelId: model.baseModelId };
  } catch (error) {
    throw new ConfigurationError(
      `application inference profile ${arn} routes to ${modelArn}, which is not an embedding model this package knows.`,
      {
        path: "family",
        allowed: FAMILY_NAMES,
        cause: error,
        fix: "Set family if the model is an embedding model of one of these families.",
      },
    );
  }
}
