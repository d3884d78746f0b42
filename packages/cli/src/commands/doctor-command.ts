import type { AppConfig } from "@bedrock-embeddings/core";
import type { RunningEmulator } from "@bedrock-embeddings/emulator";
import type { CliIo } from "../cli-io.js";
import { startEmbeddedEmulator } from "../embedded-emulator.js";
import { checkCredentials, sharedAwsFiles } from "./doctor/credential-check.js";
import { type CheckResult, failedCheck } from "./doctor/doctor-check.js";
import {
  type DoctorTargetFlags,
  FLAGS_ONLY,
  loadDoctorConfig,
  probeEmbedder,
} from "./doctor/doctor-config.js";
import { formatCheckLine, summarizeChecks } from "./doctor/doctor-report.js";
import { bedrockRuntimeUrl, checkEndpoint } from "./doctor/endpoint-check.js";
import { checkMemoryStore } from "./doctor/memory-store-check.js";
import { checkModelAccess } from "./doctor/model-access-check.js";
import { checkRegion } from "./doctor/region-check.js";

export interface DoctorCommandOptions extends DoctorTargetFlags {
  /** `--json`: one JSON object per check on stdout. */
  json?: boolean;
}

/** Thrown when a doctor check failed, so the run exits 1; each failure and its fix were printed already. */
export class FailedChecksError extends Error {}

/**
 * `bedrock-embeddings doctor`: checks the config, region, credential source (never a secret),
 * endpoint reachability, model access (one tiny call) and the memory store, one line each.
 *
 * @example
 * await doctorCommand({ config: "app.yaml" }, io); // throws FailedChecksError when a check failed
 */
export async function doctorCommand(options: DoctorCommandOptions, io: CliIo): Promise<void> {
  const results: CheckResult[] = [];
  const report = (result: CheckResult) => {
    results.push(result);
    io.stdout.write(options.json ? `${JSON.stringify(result)}\n` : formatCheckLine(result));
  };
  await runChecks(options, io, report);
  if (!options.json) io.stdout.write(summarizeChecks(results));
  const failed = results.filter((result) => result.status === "fail");
  if (failed.length > 0) {
    throw new FailedChecksError(
      `${failed.length} of ${results.length} doctor checks failed (${failed.map((result) => result.check).join(", ")}); ` +
        "each line above says how to fix it.",
    );
  }
}

async function runChecks(
  options: DoctorCommandOptions,
  io: CliIo,
  report: (result: CheckResult) => void,
): Promise<void> {
  const environment = io.environment;
  const skip = (check: string, detail: string) => report({ check, status: "skip", detail });
  let config: AppConfig;
  try {
    config = await loadDoctorConfig(options, environment);
  } catch (error) {
    report(
      failedCheck(
        "config",
        error,
        "Fix the file named above; `bedrock-embeddings init` writes a commented one.",
      ),
    );
    for (const check of ["region", "credentials", "endpoint", "model access", "memory store"]) {
      skip(check, "needs a valid config");
    }
    return;
  }
  const settings = config.embedder.config;
  const embedded = config.emulator.embedded;
  const source = options.config ?? FLAGS_ONLY;
  report({
    check: "config",
    status: "ok",
    detail: `${source}: ${config.embedder.provider} ${settings.model}${embedded ? " on the embedded emulator" : ""}`,
  });
  const { region, result: regionResult } = checkRegion(
    { flag: options.region, configured: settings.region, configFile: options.config, embedded },
    environment,
  );
  report(regionResult);
  const credentials = checkCredentials(
    { options: settings, embedded, sharedFiles: sharedAwsFiles(environment) },
    environment,
  );
  if (!credentials.needsCall) report(credentials.result);

  let emulator: RunningEmulator | undefined;
  try {
    let reachable = false;
    if (embedded) {
      emulator = await startEmulatorCheck(config, report);
      reachable = emulator !== undefined;
    } else if (region !== undefined) {
      const endpoint = await checkEndpoint(bedrockRuntimeUrl(region, settings.endpoint, environment));
      reachable = endpoint.status === "ok";
      report(endpoint);
    } else {
      skip("endpoint", "needs a region");
    }

    let modelId = settings.model;
    let dimension: number | undefined;
    let called = false;
    if (reachable) {
      const embedder = probeEmbedder(config, environment, emulator?.url);
      modelId = embedder.modelId;
      const access = await checkModelAccess(embedder);
      report(access.result);
      called = access.result.status === "ok";
      dimension = access.dimension ?? embedder.dimension;
    } else {
      skip("model access", "needs a reachable endpoint");
    }
    if (credentials.needsCall) {
      report(
        called
          ? {
              check: "credentials",
              status: "ok",
              detail: "found by the default chain (a container or instance role)",
            }
          : credentials.result,
      );
    }

    if (options.config === undefined) {
      skip("memory store", "needs --config (the memory commands read vector_store from it)");
    } else {
      report(await checkMemoryStore(config.vectorStore, { modelId, dimension }, options.config));
    }
  } finally {
    await emulator?.close();
  }
}

/** Starts the embedded emulator the config asks for; reports it as the endpoint check either way. */
async function startEmulatorCheck(
  config: AppConfig,
  report: (result: CheckResult) => void,
): Promise<RunningEmulator | undefined> {
  try {
    const emulator = await startEmbeddedEmulator(config);
    report({ check: "endpoint", status: "ok", detail: `embedded emulator at ${emulator.url}` });
    return emulator;
  } catch (error) {
    report(failedCheck("endpoint", error, "Pick another emulator.port in the config (0 picks a free one)."));
    return undefined;
  }
}
