import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { BedrockEmbedderOptions, Environment } from "@bedrock-embeddings/core";
import type { CheckResult } from "./doctor-check.js";

/** What the credential check looks at: the embedder's auth options and whether the embedded emulator is used. */
export interface CredentialSources {
  options: Pick<BedrockEmbedderOptions, "apiKey" | "credentials" | "profile">;
  embedded: boolean;
  /** The shared AWS config and credentials files that exist (see `sharedAwsFiles`). */
  sharedFiles: readonly string[];
}

/**
 * Where the credentials come from, never the secrets: an API key is only said to be present.
 * `needsCall` is true when nothing was found locally and only the model access call can tell
 * whether a container or instance role supplies them.
 *
 * @example
 * checkCredentials({ options: { profile: "dev" }, embedded: false, sharedFiles: [] }, {}).result.detail;
 * // 'profile "dev" (from embedder.config.profile)'
 */
export function checkCredentials(
  sources: CredentialSources,
  environment: Environment,
): { result: CheckResult; needsCall: boolean } {
  const ok = (detail: string) => ({
    result: { check: "credentials", status: "ok" as const, detail },
    needsCall: false,
  });
  const { options } = sources;
  if (sources.embedded) return ok("the embedded emulator's fixed test keys (yours are not sent to it)");
  if (options.apiKey) return ok("Bedrock API key from embedder.config.api_key: present");
  if (options.credentials) {
    const session = options.credentials.sessionToken ? "with" : "without";
    return ok(`access keys from embedder.config.credentials (${session} a session token)`);
  }
  if (options.profile) return ok(`profile "${options.profile}" (from embedder.config.profile)`);
  if (environment["AWS_BEARER_TOKEN_BEDROCK"])
    return ok("Bedrock API key from AWS_BEARER_TOKEN_BEDROCK: present");
  if (environment["AWS_ACCESS_KEY_ID"]) {
    if (!environment["AWS_SECRET_ACCESS_KEY"]) {
      return {
        result: {
          check: "credentials",
          status: "fail",
          detail: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.",
          fix: "Export AWS_SECRET_ACCESS_KEY too, or unset AWS_ACCESS_KEY_ID and use a profile (AWS_PROFILE).",
        },
        needsCall: false,
      };
    }
    const session = environment["AWS_SESSION_TOKEN"] ? "with" : "without";
    return ok(
      `default chain: access keys from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (${session} AWS_SESSION_TOKEN)`,
    );
  }
  if (environment["AWS_PROFILE"])
    return ok(`default chain: profile "${environment["AWS_PROFILE"]}" (from AWS_PROFILE)`);
  if (environment["AWS_WEB_IDENTITY_TOKEN_FILE"])
    return ok("default chain: web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)");
  if (
    environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] ||
    environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"]
  ) {
    return ok("default chain: container credentials (AWS_CONTAINER_CREDENTIALS_*)");
  }
  if (sources.sharedFiles.length > 0) {
    return ok(`default chain: profile "default" of ${sources.sharedFiles.join(", ")}`);
  }
  return {
    result: {
      check: "credentials",
      status: "fail",
      detail: "no credentials in the config, the environment or the shared AWS files.",
      fix:
        "Run `aws configure` or `aws sso login`, export AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, " +
        "or set embedder.config.profile or api_key in the config.",
    },
    needsCall: true,
  };
}

/**
 * The shared AWS config and credentials files that exist (`AWS_CONFIG_FILE` and
 * `AWS_SHARED_CREDENTIALS_FILE` move them).
 *
 * @example
 * sharedAwsFiles(process.env); // ["/home/me/.aws/config"]
 */
export function sharedAwsFiles(environment: Environment): string[] {
  const home = homedir();
  return [
    environment["AWS_CONFIG_FILE"] || join(home, ".aws", "config"),
    environment["AWS_SHARED_CREDENTIALS_FILE"] || join(home, ".aws", "credentials"),
  ].filter((file) => existsSync(file));
}
