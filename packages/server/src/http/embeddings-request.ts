import type { MemoryAction } from "@bedrock-embeddings/core";
import { z } from "zod";
import { invalidRequest } from "./openai-http-error.js";

/** OpenAI's ceiling on inputs per request, kept so clients split as they would for OpenAI. */
export const MAX_INPUTS_PER_REQUEST = 2048;

const bodySchema = z.object({
  input: z.unknown(),
  model: z.string({ error: "model is required and must be a string." }).min(1, "model must not be empty."),
  encoding_format: z.enum(["float", "base64"]).optional(),
  dimensions: z.int().positive().optional(),
  user: z.string().optional(),
  input_type: z.enum(["search_query", "search_document"]).optional(),
  memory_action: z.enum(["add", "update", "search"]).optional(),
});

/** A checked `POST /v1/embeddings` body. */
export interface EmbeddingsRequest {
  texts: string[];
  model: string;
  encodingFormat: "float" | "base64";
  dimensions: number | undefined;
  memoryAction: MemoryAction;
}

/**
 * Checks an embeddings request body as OpenAI does (unknown fields are ignored, as OpenAI's
 * clients add their own); every refusal is a 400 naming the field.
 *
 * @example
 * parseEmbeddingsRequest({ model: "titan-v2", input: "hello" }).texts; // ["hello"]
 */
export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalidRequest("The request body must be a JSON object.", undefined);
  }
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const param = String(issue.path[0] ?? "");
    throw invalidRequest(`Invalid ${param}: ${issue.message}`, param || undefined);
  }
  const fields = parsed.data;
  return {
    texts: textsOf(fields.input),
    model: fields.model,
    // OpenAI's own default when the field is absent.
    encodingFormat: fields.encoding_format ?? "float",
    dimensions: fields.dimensions,
    memoryAction: memoryActionOf(fields.memory_action, fields.input_type),
  };
}

function textsOf(input: unknown): string[] {
  if (input === undefined) throw invalidRequest("input is required.", "input");
  const texts = typeof input === "string" ? [input] : input;
  if (!Array.isArray(texts)) {
    throw invalidRequest("input must be a string or an array of strings.", "input");
  }
  if (texts.length === 0) throw invalidRequest("input must not be an empty array.", "input");
  if (texts.some((item) => typeof item === "number" || Array.isArray(item))) {
    throw invalidRequest(
      "input holds token ids; Bedrock embedding models take text, so send the strings instead.",
      "input",
    );
  }
  if (texts.length > MAX_INPUTS_PER_REQUEST) {
    throw invalidRequest(
      `input has ${texts.length} items; at most ${MAX_INPUTS_PER_REQUEST} are allowed per request.`,
      "input",
    );
  }
  texts.forEach((text, index) => {
    if (typeof text !== "string") throw invalidRequest(`input[${index}] must be a string.`, "input");
    if (text.length === 0) throw invalidRequest(`input[${index}] is an empty string.`, "input");
  });
  return texts as string[];
}

function memoryActionOf(
  memoryAction: MemoryAction | undefined,
  inputType: "search_query" | "search_document" | undefined,
): MemoryAction {
  const fromInputType = inputType === undefined ? undefined : inputType === "search_query" ? "search" : "add";
  if (memoryAction !== undefined && fromInputType !== undefined) {
    // Both name the mode; a query embedded as a document (or the reverse) would search badly unnoticed.
    const memoryQuery = memoryAction === "search";
    if (memoryQuery !== (fromInputType === "search")) {
      throw invalidRequest(
        `input_type ${inputType} and memory_action ${memoryAction} disagree (one asks for a query, the other for a document); send one of them.`,
        "input_type",
      );
    }
  }
  return memoryAction ?? fromInputType ?? "add";
}
