import { BedrockApiError } from "@bedrock-embeddings/core";
import type { ObjectStore } from "./object-store.js";

/** An ObjectStore in a Map, recording writes, for unit tests. */
export class MemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, string>();
  readonly writes: { uri: string; text: string; contentType: string }[] = [];

  async readText(uri: string): Promise<string> {
    const text = this.objects.get(uri);
    if (text === undefined) {
      throw new BedrockApiError(`S3 GetObject on ${uri} failed: NoSuchKey`, {
        awsErrorName: "NoSuchKey",
        httpStatus: 404,
        requestId: undefined,
        modelId: "s3",
        retryable: false,
      });
    }
    return text;
  }

  async readTextIfExists(uri: string): Promise<string | undefined> {
    return this.objects.get(uri);
  }

  async writeText(uri: string, text: string, contentType: string): Promise<void> {
    this.writes.push({ uri, text, contentType });
    this.objects.set(uri, text);
  }

  async list(prefixUri: string): Promise<string[]> {
    return [...this.objects.keys()].filter((uri) => uri.startsWith(prefixUri)).sort();
  }
}

/** A clock whose sleeps advance time at once, recording each pause. */
export function fakeClock(): {
  now(): number;
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
  sleeps: number[];
} {
  let time = 1_000_000;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      time += ms;
    },
    sleeps,
  };
}
