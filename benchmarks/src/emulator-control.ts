import type { ChildProcess } from "node:child_process";
import type { EmulatorStats, TrafficSettings } from "@bedrock-embeddings/emulator";
import { forkTypeScript } from "./child-entry.js";

/**
 * The emulator running in its own process, driven over its HTTP admin endpoints
 * (`PUT /_emulator/traffic`, `POST /_emulator/stats/reset`, `GET /_emulator/stats`).
 *
 * @example
 * const emulator = await EmulatorProcess.start();
 * await emulator.prepare({ seed: 1, defaults: { latencyMs: 60, requestsPerMinute: 600 } });
 * const stats = await emulator.stats();
 * await emulator.stop();
 */
export class EmulatorProcess {
  readonly url: string;
  readonly #child: ChildProcess;

  private constructor(url: string, child: ChildProcess) {
    this.url = url;
    this.#child = child;
  }

  static async start(): Promise<EmulatorProcess> {
    const child = forkTypeScript("emulator-host.ts", { env: process.env, output: "inherit" });
    const url = await new Promise<string>((resolve, reject) => {
      child.once("message", (message) => resolve((message as { url: string }).url));
      child.once("error", reject);
      child.once("exit", (code) =>
        reject(new Error(`the emulator process exited with code ${code} before listening`)),
      );
    });
    return new EmulatorProcess(url, child);
  }

  /** Replaces the traffic settings (fresh quota buckets, generator back at its seed) and zeroes the counters. */
  async prepare(traffic: TrafficSettings): Promise<void> {
    await this.#admin("PUT", "/_emulator/traffic", traffic);
    await this.#admin("POST", "/_emulator/stats/reset");
  }

  async stats(): Promise<EmulatorStats> {
    return (await this.#admin("GET", "/_emulator/stats")) as EmulatorStats;
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once("exit", resolve));
    this.#child.send("close");
    await exited;
  }

  async #admin(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }
}
