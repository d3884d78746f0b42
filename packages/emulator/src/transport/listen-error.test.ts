import net from "node:net";
import { describe, expect, it } from "vitest";
import { EmulatorListenError, startEmulator } from "../index.js";

async function rejection(promise: Promise<unknown>): Promise<EmulatorListenError> {
  const error = await promise.then(
    () => {
      throw new Error("expected startEmulator to fail");
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EmulatorListenError);
  return error as EmulatorListenError;
}

describe("startEmulator on a port it cannot use", () => {
  it("rejects a port out of range with a typed error, not Node's RangeError", async () => {
    const error = await rejection(startEmulator({ port: 99999 }));
    expect(error.reason).toBe("port-out-of-range");
    expect(error.port).toBe(99999);
    expect(error.message).toBe(
      "port 99999 is not a TCP port: ports are whole numbers from 0 to 65535 (0 picks a free one)",
    );
  });

  it("rejects a port in use with a typed error whose cause is the system's EADDRINUSE", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const error = await rejection(startEmulator({ port }));
      expect(error.reason).toBe("port-in-use");
      expect(error.message).toBe(`port ${port} on 127.0.0.1 is already in use by another process`);
      expect((error.cause as { code?: string }).code).toBe("EADDRINUSE");
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
