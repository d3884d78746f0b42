import { BedrockClient } from "@aws-sdk/client-bedrock";
import type { Environment } from "@bedrock-embeddings/core";
import { buildControlPlaneConfig } from "../batch-jobs/control-plane-client.js";
import type { ClientOptions } from "../client/create-client.js";
import type { LookupScope } from "./profile-target.js";

/**
 * Where an embedder built from options looks up application inference profiles: a
 * control-plane client with the runtime client's region, endpoint and auth (a custom endpoint,
 * such as the emulator, serves both planes), shared per region and endpoint. One SDK attempt:
 * the lookup retries with the embedder's own policy.
 *
 * @example
 * const scope = controlPlaneScope({ region: "us-east-1", endpoint: "http://127.0.0.1:4010" }, {});
 */
export function controlPlaneScope(options: ClientOptions, environment: Environment): LookupScope {
  const config = { ...buildControlPlaneConfig(options, environment), maxAttempts: 1 };
  return { client: new BedrockClient(config), key: `${String(config.region)} ${options.endpoint ?? "aws"}` };
}
