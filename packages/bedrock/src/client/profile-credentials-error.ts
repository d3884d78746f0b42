import { homedir } from "node:os";
import { join } from "node:path";
import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { Environment } from "@bedrock-embeddings/core";

const MIDDLEWARE_NAME = "bedrockEmbeddingsNameProfile";

/**
 * The AWS config and credentials files the SDK reads profiles from: `AWS_CONFIG_FILE` and
 * `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`.
 *
 * @example
 * sharedConfigFiles({ HOME: "/home/ana" }); // ["/home/ana/.aws/config", "/home/ana/.aws/credentials"]
 */
export function sharedConfigFiles(environment: Environment): [string, string] {
  const home = environment["HOME"] || environment["USERPROFILE"] || homedir();
  return [
    environment["AWS_CONFIG_FILE"] || join(home, ".aws", "config"),
    environment["AWS_SHARED_CREDENTIALS_FILE"] || join(home, ".aws", "credentials"),
  ];
}

/**
 * Makes the client's credential failures name the profile and the files searched: the SDK's
 * credential chain only says "Could not load credentials from any providers". The error keeps
 * its name (so it is still classified as an authentication failure) and the SDK's as `cause`.
 *
 * @example
 * nameProfileInCredentialErrors(client, "dev", processEnvironment());
 * // CredentialsProviderError: could not load credentials for profile "dev" from /home/ana/.aws/config or ...
 */
export function nameProfileInCredentialErrors(
  client: BedrockRuntimeClient,
  profile: string,
  environment: Environment,
): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if ((error as { name?: unknown } | null)?.name !== "CredentialsProviderError") throw error;
        const [configFile, credentialsFile] = sharedConfigFiles(environment);
        const reason = error instanceof Error ? error.message : String(error);
        throw Object.assign(
          new Error(
            `could not load credentials for profile "${profile}" from ${configFile} or ${credentialsFile} (${reason})`,
            { cause: error },
          ),
          { name: "CredentialsProviderError" },
        );
      }
    },
    { step: "initialize", name: MIDDLEWARE_NAME, override: true },
  );
}
