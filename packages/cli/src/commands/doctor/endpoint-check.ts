import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";
import type { Environment } from "@bedrock-embeddings/core";
import type { CheckResult } from "./doctor-check.js";

/** How long a connection attempt may take before the endpoint counts as unreachable. */
export const CONNECT_TIMEOUT_MS = 3000;

/**
 * The Bedrock Runtime URL calls go to: the configured endpoint, else the one the AWS SDK reads
 * from `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` or `AWS_ENDPOINT_URL`, else the region's public one.
 *
 * @example
 * bedrockRuntimeUrl("eu-west-1", undefined, {}); // "https://bedrock-runtime.eu-west-1.amazonaws.com"
 */
export function bedrockRuntimeUrl(
  region: string,
  endpoint: string | undefined,
  environment: Environment,
): string {
  if (endpoint) return endpoint;
  const ignored = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] === "true";
  const fromEnvironment = ignored
    ? undefined
    : environment["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] || environment["AWS_ENDPOINT_URL"];
  return fromEnvironment || `https://bedrock-runtime.${region}.amazonaws.com`;
}

/**
 * Opens a TCP connection (plus a TLS handshake for https) to the URL's host and port, then closes it.
 *
 * @example
 * await checkEndpoint("http://127.0.0.1:4010"); // { check: "endpoint", status: "ok", detail: "http://127.0.0.1:4010 accepts connections (2 ms)" }
 */
export async function checkEndpoint(url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<CheckResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch (error) {
    return {
      check: "endpoint",
      status: "fail",
      detail: `${url} is not a URL (${(error as Error).message}).`,
      fix: "Give a full URL such as http://127.0.0.1:4010 in embedder.config.endpoint or --endpoint.",
    };
  }
  const secure = target.protocol === "https:";
  const port = Number(target.port || (secure ? 443 : 80));
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
  const started = Date.now();
  try {
    await openAndClose(host, port, secure, timeoutMs);
    const handshake = secure ? "TLS handshake done" : "accepts connections";
    return { check: "endpoint", status: "ok", detail: `${url} ${handshake} (${Date.now() - started} ms)` };
  } catch (error) {
    return {
      check: "endpoint",
      status: "fail",
      detail: `cannot connect to ${url}: ${(error as Error).message}.`,
      fix:
        "Check embedder.config.endpoint (or --endpoint) and the region, your network, proxy or VPC endpoint; " +
        "for a local emulator, start it with `bedrock-embeddings emulator` or set emulator.embedded: true.",
    };
  }
}

function openAndClose(host: string, port: number, secure: boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket: Socket = secure
      ? connectTls({ host, port, servername: host, timeout: timeoutMs }, () => finish())
      : connectTcp({ host, port, timeout: timeoutMs }, () => finish());
    const finish = (error?: Error) => {
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    socket.once("timeout", () => finish(new Error(`no answer within ${timeoutMs} ms`)));
    socket.once("error", (error: NodeJS.ErrnoException) =>
      finish(new Error(error.code ? `${error.code} (${error.message})` : error.message)),
    );
  });
}
