// Test-only: a CallContext over a fake client (excluded from the build by tsconfig).
import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { MODEL_FAMILIES } from "../families/catalog.js";
import type { FamilyName } from "../families/model-family.js";
import type { CallContext } from "./call-context.js";

/** A context whose clock is a counter (1 ms per read) and whose back-off never waits. */
export function testContext(
  client: BedrockRuntimeClient,
  family: FamilyName,
  overrides: Partial<CallContext> = {},
): CallContext {
  let now = 0;
  let dimension: number | undefined;
  return {
    client,
    modelId: MODEL_FAMILIES[family].modelIds[0]!,
    family: MODEL_FAMILIES[family],
    normalize: false,
    requestTimeoutMs: undefined,
    policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {}, random: () => 0 },
    secrets: [],
    clock: { now: () => now++, sleep: async () => {} },
    dimension: {
      get: () => dimension,
      observe: (size) => {
        dimension ??= size;
      },
    },
    onCall: undefined,
    ...overrides,
  };
}
