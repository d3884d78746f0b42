import { ConfigurationError } from "@bedrock-embeddings/core";
import type { FaultRates, ModelTraffic, TrafficSettings } from "@bedrock-embeddings/emulator";
import { startEmulator, TrafficSettingsError } from "@bedrock-embeddings/emulator";
import { InvalidArgumentError } from "commander";
import type { CliIo } from "../cli-io.js";
import { stopRequested } from "../stop-requested.js";
import { describeEmulatorAccess } from "./emulator-credentials.js";
import { listenErrorForUser } from "./emulator-listen-error.js";

export interface EmulatorCommandOptions {
  port: number;
  host: string;
  /** `--rpm`: requests-per-minute quota of every model. */
  rpm?: number;
  /** `--tpm`: input-tokens-per-minute quota of every model. */
  tpm?: number;
  latencyMs?: number;
  jitterMs?: number;
  /** Collected from repeated `--fault name=rate`. */
  fault?: Record<string, number>;
  seed?: number;
}

/**
 * Serves the Bedrock emulator until SIGINT/SIGTERM (or the io's stop signal). Traffic flags become the
 * defaults of every model; change them while it runs with `PUT /_emulator/traffic`.
 */
export async function emulatorCommand(options: EmulatorCommandOptions, io: CliIo): Promise<void> {
  const traffic = trafficFromOptions(options);
  const emulator = await startEmulator({
    port: options.port,
    host: options.host,
    traffic,
    // Nobody can read the in-process request log of a CLI emulator; keeping it would only grow memory.
    recordRequests: false,
  }).catch((error: unknown) => {
    if (error instanceof TrafficSettingsError) {
      throw new ConfigurationError(error.message, {
        fix: "Check --rpm, --tpm, --latency-ms, --jitter-ms, --fault and --seed.",
        cause: error,
      });
    }
    throw listenErrorForUser(error, { port: "--port", host: "--host" });
  });
  io.stdout.write(`Bedrock emulator listening at ${emulator.url}\n`);
  io.stdout.write(describeEmulatorAccess(emulator.url));
  if (Object.keys(traffic.defaults ?? {}).length > 0) {
    io.stdout.write(
      `Traffic for every model: ${JSON.stringify(traffic.defaults)} (seed ${traffic.seed ?? 1})\n`,
    );
  }
  await stopRequested(io);
  await emulator.close();
  io.stdout.write("Bedrock emulator stopped\n");
}

function trafficFromOptions(options: EmulatorCommandOptions): TrafficSettings {
  const defaults: ModelTraffic = {};
  if (options.rpm !== undefined) defaults.requestsPerMinute = options.rpm;
  if (options.tpm !== undefined) defaults.tokensPerMinute = options.tpm;
  if (options.latencyMs !== undefined) defaults.latencyMs = options.latencyMs;
  if (options.jitterMs !== undefined) defaults.jitterMs = options.jitterMs;
  if (options.fault !== undefined && Object.keys(options.fault).length > 0) {
    // Names and ranges are checked by the emulator, which lists the allowed names.
    defaults.faults = options.fault as FaultRates;
  }
  const traffic: TrafficSettings = { defaults };
  if (options.seed !== undefined) traffic.seed = options.seed;
  return traffic;
}

/** Commander parser for a repeatable `--fault name=rate`, e.g. `--fault serviceUnavailable=0.01`. */
export function collectFault(text: string, previous: Record<string, number> = {}): Record<string, number> {
  const match = /^([A-Za-z]+)=(.+)$/.exec(text.trim());
  const rate = match ? Number(match[2]) : Number.NaN;
  if (!match || !Number.isFinite(rate)) {
    throw new InvalidArgumentError(
      "expected name=rate, e.g. serviceUnavailable=0.01 or slowResponseMs=500 (names as in FaultRates).",
    );
  }
  return { ...previous, [match[1]!]: rate };
}

/** Commander parser for a number of 0 or more (quotas are checked to be above 0 by the emulator). */
export function nonNegativeNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError("expected a number of 0 or more.");
  }
  return value;
}

/** Commander parser for `--seed`. */
export function seedInteger(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isSafeInteger(value))
    throw new InvalidArgumentError("expected an integer.");
  return value;
}
