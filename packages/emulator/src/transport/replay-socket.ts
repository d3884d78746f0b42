import type { AddressInfo, Socket } from "node:net";
import { Duplex } from "node:stream";

/**
 * A socket stand-in that first yields bytes already read from `socket` and then everything after them.
 * `socket.unshift` is not enough: node:http and node:http2 read a real socket's handle directly and would
 * never see unshifted bytes, but they fall back to plain stream reads for any other Duplex.
 */
export class ReplaySocket extends Duplex {
  readonly #socket: Socket;

  constructor(socket: Socket, alreadyRead: Buffer) {
    super({ allowHalfOpen: true });
    this.#socket = socket;
    if (alreadyRead.length > 0) this.push(alreadyRead);
    socket.on("data", (chunk: Buffer) => {
      if (!this.push(chunk)) socket.pause();
    });
    socket.on("end", () => this.push(null));
    socket.on("error", (error) => this.destroy(error));
    socket.on("close", () => this.destroy());
    socket.on("timeout", () => this.emit("timeout"));
  }

  override _read(): void {
    this.#socket.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#socket.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#socket.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#socket.destroy();
    callback(error);
  }

  // The servers tune sockets through these; forward them to the real connection.
  setTimeout(milliseconds: number, onTimeout?: () => void): this {
    this.#socket.setTimeout(milliseconds);
    if (onTimeout) this.once("timeout", onTimeout);
    return this;
  }

  setNoDelay(noDelay?: boolean): this {
    this.#socket.setNoDelay(noDelay);
    return this;
  }

  setKeepAlive(enable?: boolean, initialDelay?: number): this {
    this.#socket.setKeepAlive(enable, initialDelay);
    return this;
  }

  address(): AddressInfo | object {
    return this.#socket.address();
  }

  get remoteAddress(): string | undefined {
    return this.#socket.remoteAddress;
  }

  get remotePort(): number | undefined {
    return this.#socket.remotePort;
  }

  get remoteFamily(): string | undefined {
    return this.#socket.remoteFamily;
  }

  get localAddress(): string | undefined {
    return this.#socket.localAddress;
  }

  get localPort(): number | undefined {
    return this.#socket.localPort;
  }
}
