import { decodeBase64 } from "./base64.js";

/** A decoded `data:<mime>;base64,<payload>` URI. */
export interface DataUri {
  mimeType: string;
  bytes: Buffer;
}

const dataUriPattern = /^data:([a-z]+\/[a-z0-9.+-]+);base64,(.*)$/is;

/** Parses a base64 data URI (the only form Cohere accepts for images); undefined when it is not one. */
export function parseDataUri(uri: string): DataUri | undefined {
  const match = dataUriPattern.exec(uri);
  if (!match) return undefined;
  const bytes = decodeBase64(match[2] ?? "");
  if (!bytes) return undefined;
  return { mimeType: (match[1] ?? "").toLowerCase(), bytes };
}
