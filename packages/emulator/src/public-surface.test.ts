import { describe, expect, it } from "vitest";

// The reviewed public surface: the runtime names each entry point exports. A name added or
// removed fails here, so changing the surface is a deliberate, reviewed edit of this list.
const expectedExports: Record<string, readonly string[]> = {
  "@bedrock-embeddings/emulator": [
    "EMULATOR_DEFAULT_BEARER_TOKEN",
    "EMULATOR_DEFAULT_CREDENTIALS",
    "EMULATOR_FAIL_MARKER",
    "EMULATOR_FAMILIES",
    "EMULATOR_MODEL_IDS",
    "EMULATOR_PARTIAL_MARKER",
    "EmulatorListenError",
    "TrafficSettingsError",
    "startEmulator",
  ],
};

describe("the public surface of @bedrock-embeddings/emulator", () => {
  it.each(Object.entries(expectedExports))("%s exports exactly the reviewed names", async (entry, names) => {
    expect(Object.keys(await import(entry)).sort()).toEqual(names);
  });
});
