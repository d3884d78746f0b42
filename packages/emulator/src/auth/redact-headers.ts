/**
 * Copies headers for `emulator.requests` without anything that could be replayed: SigV4 signatures,
 * bearer tokens and session tokens are replaced. The access key id and scope stay visible for debugging.
 */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const redacted: Record<string, string> = { ...headers };
  const authorization = redacted["authorization"];
  if (authorization !== undefined) redacted["authorization"] = redactAuthorization(authorization);
  if (redacted["x-amz-security-token"] !== undefined) redacted["x-amz-security-token"] = "[redacted]";
  return redacted;
}

function redactAuthorization(value: string): string {
  if (/^bearer\s/i.test(value)) return "Bearer [redacted]";
  if (/Signature=/.test(value)) return value.replace(/Signature=[^,\s]*/g, "Signature=[redacted]");
  return "[redacted]";
}
