/** Why the emulator could not open its port. */
export type ListenFailure =
  | "port-out-of-range"
  | "port-in-use"
  | "permission-denied"
  | "address-unavailable"
  | "other";

/**
 * The emulator could not listen on the host and port it was given. `reason` is stable for callers to
 * switch on (a CLI names its own flag); the operating system's error is the `cause`.
 *
 * @example
 * try {
 *   await startEmulator({ port: 4010 });
 * } catch (error) {
 *   if (error instanceof EmulatorListenError && error.reason === "port-in-use") report(error.message);
 *   // "port 4010 on 127.0.0.1 is already in use by another process"
 * }
 */
export class EmulatorListenError extends Error {
  readonly reason: ListenFailure;
  readonly port: number;
  readonly host: string;

  constructor(reason: ListenFailure, port: number, host: string, cause?: unknown) {
    super(describeFailure(reason, port, host, cause), { cause });
    this.name = "EmulatorListenError";
    this.reason = reason;
    this.port = port;
    this.host = host;
  }
}

/**
 * The port check done before listening: Node throws a bare RangeError for these.
 *
 * @example
 * checkPort(99999, "127.0.0.1"); // throws EmulatorListenError, reason "port-out-of-range"
 */
export function checkPort(port: number, host: string): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new EmulatorListenError("port-out-of-range", port, host);
  }
}

/**
 * The listen error as an EmulatorListenError, by the operating system's code.
 *
 * @example
 * listenFailure(Object.assign(new Error("listen EADDRINUSE"), { code: "EADDRINUSE" }), 4010, "127.0.0.1").reason; // "port-in-use"
 */
export function listenFailure(error: unknown, port: number, host: string): EmulatorListenError {
  const code = (error as { code?: unknown } | undefined)?.code;
  const reason: ListenFailure =
    code === "EADDRINUSE"
      ? "port-in-use"
      : code === "EACCES"
        ? "permission-denied"
        : code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN"
          ? "address-unavailable"
          : code === "ERR_SOCKET_BAD_PORT"
            ? "port-out-of-range"
            : "other";
  return new EmulatorListenError(reason, port, host, error);
}

function describeFailure(reason: ListenFailure, port: number, host: string, cause: unknown): string {
  switch (reason) {
    case "port-out-of-range":
      return `port ${port} is not a TCP port: ports are whole numbers from 0 to 65535 (0 picks a free one)`;
    case "port-in-use":
      return `port ${port} on ${host} is already in use by another process`;
    case "permission-denied":
      return `this process may not listen on port ${port} on ${host} (ports below 1024 need privileges)`;
    case "address-unavailable":
      return `${host} is not an address of this machine, so nothing can listen on it`;
    default:
      return `cannot listen on ${host}:${port}: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
}
