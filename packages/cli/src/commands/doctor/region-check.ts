import type { Environment } from "@bedrock-embeddings/core";
import type { CheckResult } from "./doctor-check.js";

/** Where the region can come from, in the order the embedder looks. */
export interface RegionSources {
  /** `--region`. */
  flag?: string | undefined;
  /** `embedder.config.region` after `${VAR}` substitution. */
  configured?: string | undefined;
  /** The config file, for the message; undefined when only flags were given. */
  configFile?: string | undefined;
  /** `emulator.embedded: true`: the embedded emulator fills in us-east-1. */
  embedded: boolean;
}

/** The EMULATOR region fallback, as `pointAtEmulator` applies it. */
const EMULATOR_REGION = "us-east-1";

/**
 * The region the embedder will use and where it comes from, or a failure naming every way to set one.
 *
 * @example
 * checkRegion({ embedded: false }, { AWS_REGION: "eu-west-1" });
 * // { region: "eu-west-1", result: { check: "region", status: "ok", detail: "eu-west-1 (from AWS_REGION)" } }
 */
export function checkRegion(
  sources: RegionSources,
  environment: Environment,
): { region: string | undefined; result: CheckResult } {
  const found: Array<[string | undefined, string]> = [
    [sources.flag, "--region"],
    [sources.configured, `embedder.config.region in ${sources.configFile ?? "the config"}`],
    [environment["AWS_REGION"], "AWS_REGION"],
    [environment["AWS_DEFAULT_REGION"], "AWS_DEFAULT_REGION"],
    [sources.embedded ? EMULATOR_REGION : undefined, "the embedded emulator's default"],
  ];
  const [region, source] = found.find(([value]) => value !== undefined && value !== "") ?? [undefined, ""];
  if (region === undefined) {
    return {
      region,
      result: {
        check: "region",
        status: "fail",
        detail: "no AWS region is set.",
        fix: "Pass --region us-east-1, set embedder.config.region in the config, or export AWS_REGION.",
      },
    };
  }
  return { region, result: { check: "region", status: "ok", detail: `${region} (from ${source})` } };
}
