const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Strict standard base64 (RFC 4648 with padding, no whitespace): Bedrock rejects what it cannot decode,
 * while `Buffer.from(text, "base64")` would silently skip bad characters. Undefined when `text` is not base64.
 */
export function decodeBase64(text: string): Buffer | undefined {
  if (text.length === 0 || !base64Pattern.test(text)) return undefined;
  return Buffer.from(text, "base64");
}
