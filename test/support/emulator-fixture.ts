import { BedrockEmbedder } from "@bedrock-embeddings/bedrock";
import type { BedrockEmbedderOptionsInput } from "@bedrock-embeddings/core";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";

/** A running emulator on a free loopback port, and a way to build embedders pointed at it. */
export interface EmulatorFixture {
  emulator: RunningEmulator;
  embedder(options: Partial<BedrockEmbedderOptionsInput> & { model: string }): BedrockEmbedder;
}

export async function startEmulatorFixture(): Promise<EmulatorFixture> {
  const emulator = await startEmulator({ port: 0 });
  return {
    emulator,
    embedder: (options) =>
      new BedrockEmbedder({
        region: "us-east-1",
        endpoint: emulator.url,
        credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
        ...options,
      }),
  };
}

/** Request bodies the emulator saw for invoke calls, in arrival order. */
export function invokeBodies(emulator: RunningEmulator): Record<string, unknown>[] {
  return emulator.requests
    .filter((request) => request.path.endsWith("/invoke"))
    .map((request) => request.body as Record<string, unknown>);
}
