const base64Characters = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Strict standard base64 (RFC 4648 with padding, no whitespace): Bedrock rejects what it cannot decode,
 * while `Buffer.from(text, "base64")` would silently skip bad characters. Undefined when `text` is not base64.
 */
export function decodeBase64(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !base64Characters.test(text)) return undefined;
  return Buffer.from(text, "base64");
}
