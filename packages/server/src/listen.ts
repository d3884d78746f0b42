import type { Server } from "node:http";
import type { ServerType } from "@hono/node-server";

/** Counts the requests a server is answering, so shutdown can wait for them. */
export interface InFlightTracker {
  readonly inFlight: number;
  /** Resolves once no request is in flight. */
  drained(): Promise<void>;
}

/**
 * Starts listening and counts requests in flight; rejects with the socket error (EADDRINUSE, ...).
 *
 * @example
 * const tracker = await listen(server, 0, "127.0.0.1");
 */
export function listen(server: ServerType, port: number, host: string): Promise<InFlightTracker> {
  const http = server as Server;
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  http.on("request", (_request, response) => {
    inFlight++;
    response.once("close", () => {
      inFlight--;
      if (inFlight === 0) {
        for (const wake of waiters) wake();
        waiters = [];
      }
    });
  });
  const tracker: InFlightTracker = {
    get inFlight() {
      return inFlight;
    },
    drained: () => (inFlight === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  };
  return new Promise((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, host, () => {
      http.off("error", reject);
      resolve(tracker);
    });
  });
}

/**
 * Stops accepting connections, closes idle keep-alive ones, waits for every request in flight to
 * be answered, then closes what is left.
 *
 * @example
 * await closeGracefully(server, tracker);
 */
export async function closeGracefully(server: ServerType, tracker: InFlightTracker): Promise<void> {
  const http = server as Server;
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  http.closeIdleConnections();
  await tracker.drained();
  http.closeAllConnections();
  await closed;
}
