import http from "node:http";
import http2 from "node:http2";
import type { Socket } from "node:net";
import net from "node:net";
import { PassThrough } from "node:stream";
import { BedrockRuntimeClient, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { describe, expect, it } from "vitest";
import { EMULATOR_DEFAULT_CREDENTIALS, startEmulator } from "../index.js";
import { detectProtocol, http2Preface } from "./detect-protocol.js";

function detect(chunks: Buffer[]): Promise<{ protocol: string; alreadyRead: Buffer }> {
  const stream = new PassThrough();
  const detected = new Promise<{ protocol: string; alreadyRead: Buffer }>((resolve) => {
    detectProtocol(stream as unknown as Socket, (protocol, alreadyRead) =>
      resolve({ protocol, alreadyRead }),
    );
  });
  for (const chunk of chunks) stream.write(chunk);
  return detected;
}

describe("detectProtocol", () => {
  it("waits for a preface split across packets and keeps every byte", async () => {
    const rest = Buffer.from("frames");
    const result = await detect([http2Preface.subarray(0, 5), http2Preface.subarray(5), rest]);
    expect(result.protocol).toBe("h2c");
    expect(result.alreadyRead.subarray(0, http2Preface.length).equals(http2Preface)).toBe(true);
  });

  it("decides HTTP/1.1 as soon as the bytes diverge from the preface", async () => {
    const result = await detect([Buffer.from("P"), Buffer.from("OST /model/x/invoke HTTP/1.1\r\n")]);
    expect(result).toEqual({
      protocol: "http/1.1",
      alreadyRead: Buffer.from("POST /model/x/invoke HTTP/1.1\r\n"),
    });
  });
});

describe("one port for HTTP/1.1 and h2c", () => {
  it("serves a raw HTTP/2 prior-knowledge client and a raw HTTP/1.1 client", async () => {
    const emulator = await startEmulator();
    try {
      const session = http2.connect(emulator.url);
      const h2Status = await new Promise<number>((resolve, reject) => {
        const stream = session.request({ ":path": "/_emulator/health" });
        stream.on("response", (headers) => resolve(Number(headers[":status"])));
        stream.on("error", reject);
        stream.resume();
      });
      session.close();
      const h1Status = await new Promise<number>((resolve, reject) => {
        http
          .get(`${emulator.url}/_emulator/health`, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          })
          .on("error", reject);
      });
      expect([h2Status, h1Status]).toEqual([200, 200]);
      expect(emulator.requests.map((request) => request.httpVersion)).toEqual(["2", "1.1"]);
    } finally {
      await emulator.close();
    }
  });

  it("closes promptly while keep-alive and HTTP/2 sessions are still open", async () => {
    const emulator = await startEmulator();
    const client = new BedrockRuntimeClient({
      region: "us-east-1",
      endpoint: emulator.url,
      credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
      maxAttempts: 1,
    });
    const agent = new http.Agent({ keepAlive: true });
    try {
      await client.send(
        new InvokeModelCommand({
          modelId: "amazon.titan-embed-text-v1",
          contentType: "application/json",
          body: JSON.stringify({ inputText: "keep my session open" }),
        }),
      );
      await new Promise<void>((resolve, reject) => {
        http
          .get(`${emulator.url}/_emulator/health`, { agent }, (response) => {
            response.resume();
            response.on("end", resolve);
          })
          .on("error", reject);
      });
      expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
      const started = performance.now();
      await emulator.close();
      expect(performance.now() - started).toBeLessThan(500);
      await expect(fetch(`${emulator.url}/_emulator/health`)).rejects.toThrow();
    } finally {
      client.destroy();
      agent.destroy();
    }
  });

  it("shrugs off clients that reset mid-body on either protocol", async () => {
    const emulator = await startEmulator();
    try {
      const session = http2.connect(emulator.url);
      session.on("error", () => {});
      const stream = session.request({
        ":path": "/model/amazon.titan-embed-text-v1/invoke",
        ":method": "POST",
      });
      stream.on("error", () => {});
      stream.write('{"inputText":');
      const socket = net.connect(emulator.port, "127.0.0.1");
      socket.on("error", () => {});
      await new Promise((resolve) => socket.once("connect", resolve));
      socket.write("POST /model/x/invoke HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
      await new Promise((resolve) => setTimeout(resolve, 30));
      (session.socket as Socket).resetAndDestroy();
      socket.resetAndDestroy();
      await new Promise((resolve) => setTimeout(resolve, 30));
      // An unhandled error on the server side would fail this run; the server must also keep serving.
      expect((await fetch(`${emulator.url}/_emulator/health`)).status).toBe(200);
      expect(emulator.requests.map((request) => request.path)).toEqual(["/_emulator/health"]);
    } finally {
      await emulator.close();
    }
  });
});
