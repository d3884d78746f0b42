import type { IncomingMessage, ServerResponse } from "node:http";
import http from "node:http";
import type { Http2ServerRequest, Http2ServerResponse, Http2Session } from "node:http2";
import http2 from "node:http2";
import type { AddressInfo, Socket } from "node:net";
import net from "node:net";
import type { Duplex } from "node:stream";
import type { WireProtocol } from "./detect-protocol.js";
import { detectProtocol } from "./detect-protocol.js";
import { checkPort, listenFailure } from "./listen-error.js";
import { ReplaySocket } from "./replay-socket.js";

export type ServerRequest = IncomingMessage | Http2ServerRequest;
export type ServerReply = ServerResponse | Http2ServerResponse;
export type RequestListener = (request: ServerRequest, reply: ServerReply) => void;

interface TrackedConnection {
  socket: Socket;
  /** Unset until the first bytes arrive. */
  protocol?: WireProtocol;
  /** HTTP/1.1 only; HTTP/2 sessions track their own streams. */
  inFlightRequests: number;
}

// In-flight requests get this long to finish once close() is called; then their connections are cut.
const closeGraceMilliseconds = 1000;

/**
 * One TCP port that serves HTTP/1.1 and HTTP/2 cleartext with prior knowledge (h2c). The AWS SDK's default
 * HTTP/2 handler sends the h2 preface on http:// endpoints while fetch speaks HTTP/1.1, and both must work.
 */
export class DualProtocolServer {
  readonly #tcpServer: net.Server;
  readonly #http1Server: http.Server;
  readonly #http2Server: http2.Http2Server;
  readonly #connections = new Set<TrackedConnection>();
  readonly #http1Connections = new WeakMap<Duplex, TrackedConnection>();
  readonly #http2Sessions = new Set<Http2Session>();
  #closing = false;

  constructor(listener: RequestListener) {
    this.#http1Server = http.createServer((request, reply) => {
      this.#trackHttp1Request(request, reply);
      listener(request, reply);
    });
    this.#http2Server = http2.createServer(listener);
    this.#http2Server.on("session", (session: Http2Session) => {
      this.#http2Sessions.add(session);
      session.once("close", () => this.#http2Sessions.delete(session));
      if (this.#closing) session.close();
    });
    // Small answers must not wait for a delayed ACK (Nagle): that adds about 40 ms to some calls.
    this.#tcpServer = net.createServer({ noDelay: true }, (socket) => this.#accept(socket));
  }

  /** Opens the port; rejects with an EmulatorListenError (port out of range, in use, ...). */
  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      checkPort(port, host);
      const fail = (error: unknown): void => reject(listenFailure(error, port, host));
      this.#tcpServer.once("error", fail);
      this.#tcpServer.listen(port, host, () => {
        this.#tcpServer.off("error", fail);
        resolve(this.#tcpServer.address() as AddressInfo);
      });
    });
  }

  /** Stops accepting, lets in-flight requests finish briefly, and ends every connection, idle ones at once. */
  close(): Promise<void> {
    this.#closing = true;
    const closed = new Promise<void>((resolve, reject) => {
      this.#tcpServer.close((error) => (error ? reject(error) : resolve()));
    });
    // GOAWAY lets the SDK's HTTP/2 pool drop the session cleanly instead of seeing a reset.
    for (const session of this.#http2Sessions) session.close();
    for (const connection of this.#connections) {
      if (connection.protocol !== "h2c" && connection.inFlightRequests === 0) connection.socket.destroy();
    }
    const forceTimer = setTimeout(() => {
      for (const connection of this.#connections) connection.socket.destroy();
    }, closeGraceMilliseconds);
    forceTimer.unref();
    return closed.finally(() => clearTimeout(forceTimer));
  }

  #accept(socket: Socket): void {
    const connection: TrackedConnection = { socket, inFlightRequests: 0 };
    this.#connections.add(connection);
    socket.once("close", () => this.#connections.delete(connection));
    // Until a server owns the socket nobody else listens for errors; a client reset just ends the connection.
    const onEarlyError = (): void => {
      socket.destroy();
    };
    socket.on("error", onEarlyError);
    if (this.#closing) {
      socket.destroy();
      return;
    }
    detectProtocol(socket, (protocol, alreadyRead) => {
      socket.off("error", onEarlyError);
      connection.protocol = protocol;
      const replay = new ReplaySocket(socket, alreadyRead);
      if (protocol === "h2c") {
        this.#http2Server.emit("connection", replay);
      } else {
        this.#http1Connections.set(replay, connection);
        this.#http1Server.emit("connection", replay);
      }
    });
  }

  #trackHttp1Request(request: IncomingMessage, reply: ServerResponse): void {
    const connection = this.#http1Connections.get(request.socket);
    if (!connection) return;
    connection.inFlightRequests += 1;
    if (this.#closing) reply.shouldKeepAlive = false;
    reply.once("close", () => {
      connection.inFlightRequests -= 1;
      if (this.#closing && connection.inFlightRequests === 0) connection.socket.destroy();
    });
  }
}
