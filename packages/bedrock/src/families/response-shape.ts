import { ResponseError } from "@bedrock-embeddings/core";

/** A short, secret-free description of a JSON value for error messages: its type and keys, never its contents. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "object") {
    const keys = Object.keys(value);
    const shown = keys.slice(0, 8).join(", ") + (keys.length > 8 ? ", ..." : "");
    return `an object with keys [${shown}]`;
  }
  return `a ${typeof value}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The body as an object, or a ResponseError saying what came instead. */
export function expectObject(body: unknown, modelId: string): Record<string, unknown> {
  if (isRecord(body)) return body;
  throw new ResponseError(`The response body for ${modelId} is ${describeValue(body)}, not a JSON object.`, {
    modelId,
    fix: "Check that the model id points at an embedding model of the configured family.",
  });
}

/** A token count from a body field, when it is a non-negative number. */
export function readTokenCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Guards codecs that take exactly one text per call; the planner never sends more. */
export function singleText(texts: readonly string[], family: string): string {
  const [text] = texts;
  if (texts.length !== 1 || text === undefined) {
    throw new Error(
      `${family} takes exactly one text per call, got ${texts.length}; this is a bug in the call planner.`,
    );
  }
  return text;
}
