import { ConfigurationError } from "@bedrock-embeddings/core";
import { EmulatorListenError } from "@bedrock-embeddings/emulator";

/** Where the user set the port (and host): CLI flags, or keys of the config file. */
export interface ListenSettingNames {
  port: string;
  host?: string;
}

/**
 * The emulator's listen failure as a ConfigurationError (exit code 2) whose fix names the flag or
 * key that sets the port; any other error is returned as it is.
 *
 * @example
 * await startEmulator({ port }).catch((error) => {
 *   throw listenErrorForUser(error, { port: "--port", host: "--host" });
 * });
 */
export function listenErrorForUser(error: unknown, names: ListenSettingNames): unknown {
  if (!(error instanceof EmulatorListenError)) return error;
  const fix = fixFor(error, names);
  if (fix === undefined) return error;
  return new ConfigurationError(`the emulator cannot start: ${error.message}.`, {
    path: error.reason === "address-unavailable" ? names.host : names.port,
    fix,
    cause: error,
  });
}

function fixFor(error: EmulatorListenError, names: ListenSettingNames): string | undefined {
  switch (error.reason) {
    case "port-out-of-range":
      return `Set ${names.port} to a number from 0 to 65535 (0 picks a free port).`;
    case "port-in-use":
      return `Stop the program that uses port ${error.port}, or set ${names.port} to another port (0 picks a free one).`;
    case "permission-denied":
      return `Set ${names.port} to 1024 or above (or 0 for a free port).`;
    case "address-unavailable":
      return names.host === undefined
        ? undefined
        : `Set ${names.host} to an address of this machine, e.g. 127.0.0.1 or 0.0.0.0.`;
    default:
      return undefined;
  }
}
