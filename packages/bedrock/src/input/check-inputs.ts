import { checkText, checkTexts, type TextRules } from "@bedrock-embeddings/core";
import type { ModelFamily, TruncateMode } from "../families/model-family.js";

/**
 * Checks every text before anything is sent (core's `checkTexts` with the family's limits), and
 * returns the texts to send, cut to the family's limit when truncation is configured and the
 * family needs a client-side cut. Throws InputError with the first offending index.
 *
 * @example
 * prepareTexts(["hello"], MODEL_FAMILIES["cohere-v3"], "END"); // ["hello"]
 */
export function prepareTexts(
  texts: unknown,
  family: ModelFamily,
  truncate: TruncateMode | undefined,
): string[] {
  return checkTexts(texts, textRules(family, truncate));
}

/**
 * One text checked like `prepareTexts` does; `index` names it in errors.
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
  return checkText(text, index, textRules(family, truncate));
}

// Built once per family and truncate mode: prepareText runs once per text.
const rulesByFamily = new WeakMap<ModelFamily, Map<TruncateMode | undefined, TextRules>>();

function textRules(family: ModelFamily, truncate: TruncateMode | undefined): TextRules {
  let byMode = rulesByFamily.get(family);
  if (byMode === undefined) {
    byMode = new Map();
    rulesByFamily.set(family, byMode);
  }
  let rules = byMode.get(truncate);
  if (rules === undefined) {
    const truncating = truncate !== undefined && truncate !== "NONE";
    rules = {
      familyName: family.name,
      maxCharacters: family.limits.charactersPerText,
      truncateModes: family.truncateModes.filter((mode) => mode !== "NONE"),
      fit: truncating ? (text) => family.fitText(text, truncate) : undefined,
    };
    byMode.set(truncate, rules);
  }
  return rules;
}
