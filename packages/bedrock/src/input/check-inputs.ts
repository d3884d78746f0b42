import { describeValueType, InputError } from "@bedrock-embeddings/core";
import type { ModelFamily, TruncateMode } from "../families/model-family.js";
import { codePointLength, exceedsCodePoints } from "./code-points.js";

/**
 * Checks every text before anything is sent, and returns the texts to send (cut to the
 * family's limit when truncation is configured and the family needs a client-side cut).
 * Throws InputError with the first offending index: nothing of the batch is sent then.
 */
export function prepareTexts(
  texts: unknown,
  family: ModelFamily,
  truncate: TruncateMode | undefined,
): string[] {
  if (!Array.isArray(texts)) {
    throw new InputError(`texts must be an array of strings, received ${describeValueType(texts)}.`, {
      fix: "Pass an array, e.g. embedBatch([text]), or use embed(text) for one text.",
    });
  }
  return texts.map((text: unknown, index) => prepareText(text, index, family, truncate));
}

/**
 * One text checked like `prepareTexts` does (a non-blank string within the family's character
 * ceiling, or cut to it when truncation is configured); `index` names it in errors.
 *
 * @example
 * prepareText("hello", 3, MODEL_FAMILIES["marengo-2-7"], undefined); // "hello"
 */
export function prepareText(
  text: unknown,
  index: number,
  family: ModelFamily,
  truncate: TruncateMode | undefined,
): string {
  const truncating = truncate !== undefined && truncate !== "NONE";
  const limit = family.limits.charactersPerText;
  if (typeof text !== "string") {
    throw new InputError(`expected a string, received ${describeValueType(text)}.`, {
      index,
      fix: "Convert every input to text before embedding.",
    });
  }
  if (text.trim() === "") {
    throw new InputError("the text is empty or only whitespace.", {
      index,
      fix: "Remove empty texts before embedding; they carry nothing to embed.",
    });
  }
  if (!exceedsCodePoints(text, limit)) return text;
  if (truncating) return family.fitText(text, truncate);
  const actual = codePointLength(text);
  throw new InputError(`the text has ${actual} characters; ${family.name} models accept at most ${limit}.`, {
    index,
    limit,
    actual,
    fix:
      family.truncateModes.length > 1
        ? `Shorten or split the text, or set truncate to one of ${family.truncateModes.filter((mode) => mode !== "NONE").join(", ")} to cut it.`
        : `Shorten or split the text; ${family.name} cannot truncate (truncate only accepts NONE).`,
  });
}
