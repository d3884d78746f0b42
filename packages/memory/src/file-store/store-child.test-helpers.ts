import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const CHILD_SCRIPT = fileURLToPath(new URL("./store-child-process.mjs", import.meta.url));
const REPOSITORY_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** One JSON line from the child. */
export type ChildMessage = Record<string, unknown>;

/**
 * A FileVectorStore in another process (store-child-process.mjs, run through tsx), driven by JSON
 * commands: a real second process for the kill -9, two-process and compaction tests.
 *
 * @example
 * const child = await StoreChild.start(directory);
 * child.send({ op: "count" });
 * const { count } = await child.next((message) => "count" in message);
 */
export class StoreChild {
  readonly messages: ChildMessage[] = [];
  private waiters: {
    accepts: (message: ChildMessage) => boolean;
    resolve: (message: ChildMessage) => void;
  }[] = [];
  private stderr = "";
  readonly exited: Promise<number | null>;

  private constructor(private readonly process: ChildProcessWithoutNullStreams) {
    createInterface({ input: process.stdout }).on("line", (line) => this.receive(line));
    process.stderr.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) => process.once("exit", (code) => resolve(code)));
  }

  /** Starts a child on `directory` and waits until its store is open. */
  static async start(directory: string): Promise<StoreChild> {
    const child = new StoreChild(
      spawn(process.execPath, ["--import", "tsx", CHILD_SCRIPT, directory], { cwd: REPOSITORY_ROOT }),
    );
    await child.next((message) => message["ready"] === true);
    return child;
  }

  get pid(): number {
    return this.process.pid!;
  }

  send(command: Record<string, unknown>): void {
    this.process.stdin.write(`${JSON.stringify(command)}\n`);
  }

  /** The first message (received so far or later) that `accepts`, removing it from `messages`. */
  next(accepts: (message: ChildMessage) => boolean, timeoutMilliseconds = 20_000): Promise<ChildMessage> {
    const index = this.messages.findIndex(accepts);
    if (index >= 0) return Promise.resolve(this.messages.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching message from the child; its stderr: ${this.stderr}`)),
        timeoutMilliseconds,
      );
      this.waiters.push({
        accepts,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      });
    });
  }

  /** Sends `command` and waits for the reply that `accepts`. */
  async ask(
    command: Record<string, unknown>,
    accepts: (message: ChildMessage) => boolean,
  ): Promise<ChildMessage> {
    this.send(command);
    return this.next(accepts);
  }

  /** kill -9, and waits until the process is gone. */
  async killHard(): Promise<void> {
    this.process.kill("SIGKILL");
    await this.exited;
  }

  /** Closes the store and waits for the process to exit. */
  async close(): Promise<void> {
    this.send({ op: "close" });
    await this.exited;
  }

  private receive(line: string): void {
    let message: ChildMessage;
    try {
      message = JSON.parse(line) as ChildMessage;
    } catch {
      return; // a line cut short by kill -9
    }
    const waiter = this.waiters.find((candidate) => candidate.accepts(message));
    if (waiter) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    } else {
      this.messages.push(message);
    }
  }
}
