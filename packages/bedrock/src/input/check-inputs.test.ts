import { InputError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { MODEL_FAMILIES } from "../families/catalog.js";
import { prepareText, prepareTexts } from "./check-inputs.js";

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (InputError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

const cohereV3 = MODEL_FAMILIES["cohere-v3"];

// The checks themselves are core's checkText (check-text.test.ts); these cover the family's limits.
describe("prepareTexts", () => {
  it("refuses over-limit text with the family's limit and truncate modes in the fix", () => {
    const error = inputError(() => prepareTexts(["ok", "x".repeat(2049)], cohereV3, undefined));
    expect(error).toMatchObject({ index: 1, limit: 2048, actual: 2049 });
    expect(error.fix).toMatch(/set truncate to one of START, END/);
    expect(inputError(() => prepareTexts(["x".repeat(2049)], cohereV3, "NONE")).index).toBe(0);
  });

  it("titan's fix says it cannot truncate", () => {
    const error = inputError(() =>
      prepareTexts(["y".repeat(50_001)], MODEL_FAMILIES["titan-text-v2"], undefined),
    );
    expect(error).toMatchObject({ limit: 50_000, actual: 50_001 });
    expect(error.fix).toMatch(/cannot truncate/);
  });

  it("with truncate START/END cuts cohere v3 texts to 2048 characters; v4 leaves them to the service", () => {
    const long = "a".repeat(1000) + "b".repeat(2000);
    expect(prepareTexts([long], cohereV3, "START")[0]).toBe("a".repeat(48) + "b".repeat(2000));
    expect(prepareTexts([long], cohereV3, "END")[0]).toBe("a".repeat(1000) + "b".repeat(1048));
    const huge = "z".repeat(500_001);
    expect(prepareTexts([huge], MODEL_FAMILIES["cohere-v4"], "RIGHT")[0]).toBe(huge);
    expect(inputError(() => prepareTexts([huge], MODEL_FAMILIES["cohere-v4"], undefined)).limit).toBe(
      500_000,
    );
  });

  it("cuts by code points, never splitting an emoji", () => {
    const emoji = "😀".repeat(3000);
    expect(prepareTexts([emoji], cohereV3, "END")[0]).toBe("😀".repeat(2048));
  });

  it("prepareText names the index it is given", () => {
    expect(inputError(() => prepareText("", 7, cohereV3, undefined)).index).toBe(7);
  });
});
