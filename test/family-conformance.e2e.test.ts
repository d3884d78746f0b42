import type { FamilyName } from "@bedrock-embeddings/bedrock";
import { FAMILY_NAMES, KNOWN_MODEL_IDS, MODEL_FAMILIES } from "@bedrock-embeddings/bedrock";
import { EMULATOR_FAMILIES, EMULATOR_MODEL_IDS } from "@bedrock-embeddings/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorFixture, startEmulatorFixture } from "./support/emulator-fixture.js";

// The client's catalog and the emulator's family folders are two independent readings of AWS's
// documentation; this test is where they must agree, so a family added on one side only fails here.

let fixture: EmulatorFixture;
beforeAll(async () => {
  fixture = await startEmulatorFixture();
});
afterAll(async () => {
  await fixture.emulator.close();
});

function missingFrom(present: readonly string[], wanted: readonly string[]): string[] {
  return wanted.filter((id) => !present.includes(id)).sort();
}

function idsByFamily(families: ReadonlyArray<{ name: string; modelIds: readonly string[] }>) {
  return Object.fromEntries(families.map((family) => [family.name, [...family.modelIds].sort()]));
}

// A family that InvokeModel serves only through an inference profile (Marengo 2.7) is called as one.
function invokedModelId(familyName: FamilyName, modelId: string): string {
  return MODEL_FAMILIES[familyName].onDemandNeedsProfile ? `us.${modelId}` : modelId;
}

describe("the client's known model ids against the emulator's served ones", () => {
  it("lists the same model ids on both sides", () => {
    expect({
      knownToTheClientButNotServed: missingFrom(EMULATOR_MODEL_IDS, KNOWN_MODEL_IDS),
      servedButUnknownToTheClient: missingFrom(KNOWN_MODEL_IDS, EMULATOR_MODEL_IDS),
    }).toEqual({ knownToTheClientButNotServed: [], servedButUnknownToTheClient: [] });
  });

  it("groups them into the same families under the same names", () => {
    const clientFamilies = FAMILY_NAMES.map((name) => MODEL_FAMILIES[name]);
    expect(idsByFamily(EMULATOR_FAMILIES)).toEqual(idsByFamily(clientFamilies));
  });

  it("agrees on each family's default dimension", () => {
    const emulatorDefaults = Object.fromEntries(
      EMULATOR_FAMILIES.map((family) => [family.name, family.defaultDimension]),
    );
    const clientDefaults = Object.fromEntries(
      FAMILY_NAMES.map((name) => [name, MODEL_FAMILIES[name].dimensions.default]),
    );
    expect(emulatorDefaults).toEqual(clientDefaults);
  });

  it("agrees on which families InvokeModel serves only through an inference profile", () => {
    const emulatorProfileOnly = EMULATOR_FAMILIES.filter((family) => family.onDemandNeedsProfile);
    const clientProfileOnly = FAMILY_NAMES.filter((name) => MODEL_FAMILIES[name].onDemandNeedsProfile);
    expect(emulatorProfileOnly.map((family) => family.name)).toEqual(clientProfileOnly);
  });
});

describe.each(FAMILY_NAMES.map((name) => ({ name })))("family $name over the real SDK", ({ name }) => {
  const family = MODEL_FAMILIES[name];

  it("answers one embed call with a vector of the family's default dimension", async () => {
    const model = invokedModelId(name, family.modelIds[0] ?? "");
    const embedder = fixture.embedder({ model });
    expect(embedder.dimension).toBe(family.dimensions.default);
    const vector = await embedder.embed(`one request for ${name}`);
    expect(vector).toHaveLength(family.dimensions.default);
    expect(fixture.emulator.requests.at(-1)).toMatchObject({ modelId: model, status: 200 });
  });
});

describe("the emulator's variant ids", () => {
  const variants = EMULATOR_FAMILIES.flatMap((family) =>
    Object.keys(family.variantIds).map((variantId) => ({ variantId, familyName: family.name })),
  );

  it.each(variants)(
    "$variantId is accepted by the client and answered by $familyName",
    async ({ variantId, familyName }) => {
      const expected = MODEL_FAMILIES[familyName as FamilyName].dimensions.default;
      const vector = await fixture.embedder({ model: variantId }).embed("a variant model id");
      expect(vector).toHaveLength(expected);
    },
  );
});
