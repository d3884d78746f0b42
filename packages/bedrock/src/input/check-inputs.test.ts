import { InputError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { MODEL_FAMILIES } from "../families/catalog.js";
import { prepareTexts } from "./check-inputs.js";
import { codePointLength, exceedsCodePoints } from "./code-points.js";

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

describe("prepareTexts", () => {
  it.each([
    [42, "a number"],
    [null, "null"],
    [undefined, "undefined"],
    [{ text: "x" }, "an object"],
    [["x"], "an array"],
  ])("names the index and type of a non-string (%j)", (value, type) => {
    const error = inputError(() => prepareTexts(["ok", value], cohereV3, undefined));
    expect(error.index).toBe(1);
    expect(error.message).toBe(
      `Input 1: expected a string, received ${type}. Convert every input to text before embedding.`,
    );
  });

  it.each(["", "   ", "\n\t"])("refuses empty or whitespace-only text %j", (text) => {
    const error = inputError(() => prepareTexts(["ok", "fine", text], cohereV3, undefined));
    expect(error.index).toBe(2);
    expect(error.message).toMatch(/empty or only whitespace/);
  });

  it("refuses over-limit text with index, limit, actual and a truncate fix", () => {
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

  it("counts characters as code points, like Bedrock's schema check", () => {
    const emoji = "😀".repeat(2048);
    expect(emoji.length).toBe(4096);
    expect(prepareTexts([emoji], cohereV3, undefined)).toEqual([emoji]);
    expect(codePointLength("a😀b")).toBe(3);
    expect(exceedsCodePoints("😀😀", 2)).toBe(false);
    expect(exceedsCodePoints("😀😀😀", 2)).toBe(true);
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

  it("refuses a non-array batch", () => {
    expect(inputError(() => prepareTexts("text", cohereV3, undefined)).message).toMatch(
      /must be an array of strings, received a string/,
    );
  });
});
