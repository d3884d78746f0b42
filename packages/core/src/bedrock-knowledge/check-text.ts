import { describeValueType } from "../errors/describe-value-type.js";
import { InputError } from "../errors/input-error.js";
import { codePointLength, exceedsCodePoints } from "./code-points.js";

/**
 * What a model family accepts as one text, as plain values (core keeps no family catalog).
 *
 * @example
 * const rules: TextRules = { familyName: "cohere-v3", maxCharacters: 2048, truncateModes: ["START", "END"] };
 */
export interface TextRules {
  /** The family named in messages, e.g. "cohere-v3". */
  readonly familyName: string;
  /** Most characters (Unicode code points) per text; undefined when no ceiling is known. */
  readonly maxCharacters: number | undefined;
  /** The truncate modes that cut a text (not NONE), named in the fix; empty when the family cannot truncate. */
  readonly truncateModes: readonly string[];
  /** Cuts an over-long text when truncation is configured; without it an over-long text is refused. */
  readonly fit?: ((text: string) => string) | undefined;
}

/**
 * Checks every text before anything is sent and returns the texts to send (cut by `rules.fit`
 * when given). Throws InputError with the first offending index: nothing of the batch is sent then.
 *
 * @example
 * checkTexts(["hello", "world"], { familyName: "titan-text-v2", maxCharacters: 50_000, truncateModes: [] });
 */
export function checkTexts(texts: unknown, rules: TextRules): string[] {
  if (!Array.isArray(texts)) {
    throw new InputError(`texts must be an array of strings, received ${describeValueType(texts)}.`, {
      fix: "Pass an array, e.g. embedBatch([text]), or use embed(text) for one text.",
    });
  }
  return texts.map((text: unknown, index) => checkText(text, index, rules));
}

/**
 * One text checked like `checkTexts` does: a non-blank string within the family's character
 * ceiling, or cut by `rules.fit`. `index` names it in errors (undefined for a lone input).
 *
 * @example
 * checkText("hello", 3, { familyName: "marengo-2-7", maxCharacters: 308, truncateModes: ["END"] }); // "hello"
 */
export function checkText(text: unknown, index: number | undefined, rules: TextRules): string {
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
  const limit = rules.maxCharacters;
  if (limit === undefined || !exceedsCodePoints(text, limit)) return text;
  if (rules.fit !== undefined) return rules.fit(text);
  const actual = codePointLength(text);
  const { familyName, truncateModes } = rules;
  throw new InputError(`the text has ${actual} characters; ${familyName} models accept at most ${limit}.`, {
    index,
    limit,
    actual,
    fix:
      truncateModes.length > 0
        ? `Shorten or split the text, or set truncate to one of ${truncateModes.join(", ")} to cut it.`
        : `Shorten or split the text; ${familyName} cannot truncate (truncate only accepts NONE).`,
  });
}
