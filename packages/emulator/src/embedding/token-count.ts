// AWS documents an average of 4.7 characters per token for English text.
const charactersPerToken = 4.7;

/** Approximate token count used for both the response body and the token-count header. */
export function countTokens(text: string): number {
  return Math.ceil([...text].length / charactersPerToken);
}

/** Keeps the first (or last) characters of `text` that fit into `maxTokens`. */
export function truncateToTokens(text: string, maxTokens: number, keep: "start" | "end"): string {
  const characters = [...text];
  const maxCharacters = Math.floor(maxTokens * charactersPerToken);
  if (characters.length <= maxCharacters) return text;
  const kept = keep === "start" ? characters.slice(0, maxCharacters) : characters.slice(-maxCharacters);
  return kept.join("");
}
