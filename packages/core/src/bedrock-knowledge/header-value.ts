/**
 * A response header by name, matched case-insensitively (the SDK hands headers over as a plain record).
 *
 * @example
 * headerValue({ "Retry-After": "2" }, "retry-after"); // "2"
 */
export function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
  const direct = headers[name];
  if (typeof direct === "string") return direct;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === "string") return value;
  }
  return undefined;
}
