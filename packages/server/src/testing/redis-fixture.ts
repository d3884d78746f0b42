import { type ChildProcess, spawn } from "node:child_process";
import { access, mkdtemp, rm } from "node:fs/promises";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError, StorageError } from "@bedrock-embeddings/core";

/**
 * A redis-server started for a test; `stop` ends it and deletes its folder.
 *
 * @example
 * const redis: RunningRedis = await startRedis();
 */
export interface RunningRedis {
  /** `redis://127.0.0.1:PORT`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Options of `startRedis`.
 *
 * @example
 * await startRedis({ binary: "/usr/local/bin/redis-server" });
 */
export interface StartRedisOptions {
  /** The redis-server program. Defaults to Debian's /usr/bin/redis-server. */
  binary?: string;
  /** How long to wait for the first PONG. Defaults to 10,000 ms. */
  readyTimeoutMs?: number;
  /** The port; defaults to a free one. Tests of reconnecting start a second server on the first one's port. */
  port?: number;
}

const DEFAULT_BINARY = "/usr/bin/redis-server";

/**
 * Starts a throw-away redis-server on a free loopback port, in a temporary folder, with nothing
 * saved to disk, and waits until it answers PING.
 *
 * @example
 * const redis = await startRedis();
 * const store = new RedisRateLimitStore({ url: redis.url });
 * await redis.stop();
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<RunningRedis> {
  const binary = options.binary ?? DEFAULT_BINARY;
  await access(binary).catch((error: unknown) => {
    throw new ConfigurationError(`${binary} is not installed; the Redis tests start a real redis-server.`, {
      fix: "Install it with `apt-get install redis-server` (Debian/Ubuntu), or pass the program's path as `binary`.",
      cause: error,
    });
  });
  const directory = await mkdtemp(join(tmpdir(), "redis-fixture-"));
  try {
    const port = options.port ?? (await freePort());
    const child = spawn(
      binary,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    // A test run that ends early (a timeout, Ctrl-C) must not leave a redis-server behind.
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
    await waitForPong(port, child, () => output, options.readyTimeoutMs ?? 10_000).catch(
      async (error: unknown) => {
        await stopProcess(child);
        throw error;
      },
    );
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      stop: async () => {
        process.off("exit", killOnExit);
        await stopProcess(child);
        await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no TCP port was assigned");
  return address.port;
}

async function waitForPong(
  port: number,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new StorageError(`redis-server exited before it answered: ${output().trim()}`, {
        file: `127.0.0.1:${port}`,
      });
    }
    if (await answersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new StorageError(`redis-server did not answer PING within ${timeoutMs} ms: ${output().trim()}`, {
    file: `127.0.0.1:${port}`,
  });
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.setTimeout(500);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (reply: Buffer) => {
      socket.destroy();
      resolve(reply.toString("latin1").startsWith("+PONG"));
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(killer);
}
