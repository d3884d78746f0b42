import { describe, expect, it } from "vitest";
import { InputError } from "../errors/input-error.js";
import { checkText, checkTexts, type TextRules } from "./check-text.js";
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

const cohereV3: TextRules = { familyName: "cohere-v3", maxCharacters: 2048, truncateModes: ["START", "END"] };
const titan: TextRules = { familyName: "titan-text-v2", maxCharacters: 50_000, truncateModes: [] };

describe("checkTexts", () => {
  it.each([
    [42, "a number"],
    [null, "null"],
    [undefined, "undefined"],
    [{ text: "x" }, "an object"],
    [["x"], "an array"],
  ])("names the index and type of a non-string (%j)", (value, type) => {
    const error = inputError(() => checkTexts(["ok", value], cohereV3));
    expect(error.index).toBe(1);
    expect(error.message).toBe(
      `Input 1: expected a string, received ${type}. Convert every input to text before embedding.`,
    );
  });

  it.each(["", "   ", "\n\t"])("refuses empty or whitespace-only text %j", (text) => {
    const error = inputError(() => checkTexts(["ok", "fine", text], cohereV3));
    expect(error.index).toBe(2);
    expect(error.message).toMatch(/empty or only whitespace/);
  });

  it("refuses over-limit text with index, limit, actual and a truncate fix", () => {
    const error = inputError(() => checkTexts(["ok", "x".repeat(2049)], cohereV3));
    expect(error).toMatchObject({ index: 1, limit: 2048, actual: 2049 });
    expect(error.message).toContain("the text has 2049 characters; cohere-v3 models accept at most 2048.");
    expect(error.fix).toMatch(/set truncate to one of START, END/);
  });

  it("a family without truncate modes says it cannot truncate", () => {
    const error = inputError(() => checkTexts(["y".repeat(50_001)], titan));
    expect(error).toMatchObject({ limit: 50_000, actual: 50_001 });
    expect(error.fix).toMatch(/titan-text-v2 cannot truncate/);
  });

  it("counts characters as code points, like Bedrock's schema check", () => {
    const emoji = "😀".repeat(2048);
    expect(emoji.length).toBe(4096);
    expect(checkTexts([emoji], cohereV3)).toEqual([emoji]);
    expect(codePointLength("a😀b")).toBe(3);
    expect(exceedsCodePoints("😀😀", 2)).toBe(false);
    expect(exceedsCodePoints("😀😀😀", 2)).toBe(true);
  });

  it("cuts an over-long text with fit instead of refusing it, and leaves others alone", () => {
    const fitting = { ...cohereV3, fit: (text: string) => text.slice(0, 2048) };
    expect(checkTexts(["short", "x".repeat(3000)], fitting)).toEqual(["short", "x".repeat(2048)]);
  });

  it("has no ceiling when maxCharacters is undefined", () => {
    const huge = "z".repeat(100_000);
    expect(checkTexts([huge], { familyName: "nova", maxCharacters: undefined, truncateModes: [] })).toEqual([
      huge,
    ]);
  });

  it("refuses a non-array batch", () => {
    expect(inputError(() => checkTexts("text", cohereV3)).message).toMatch(
      /must be an array of strings, received a string/,
    );
  });
});

describe("checkText", () => {
  it("names no index for a lone input", () => {
    const error = inputError(() => checkText(" ", undefined, cohereV3));
    expect(error.index).toBeUndefined();
    expect(error.message).toMatch(/^the text is empty or only whitespace\./);
  });
});
