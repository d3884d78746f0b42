import { InputError } from "@bedrock-embeddings/core";
import { isPlainObject } from "./json-value.js";

/** Options mem0 users commonly pass that mean something else here, with what to do instead. */
const MOVED_OPTIONS: Record<string, (method: string, value: unknown) => string> = {
  userId: (method, value) =>
    `put the scope inside filters: ${method}(..., { filters: { user_id: ${show(value)} } }).`,
  agentId: (method, value) =>
    `put the scope inside filters: ${method}(..., { filters: { agent_id: ${show(value)} } }).`,
  runId: (method, value) =>
    `put the scope inside filters: ${method}(..., { filters: { run_id: ${show(value)} } }).`,
  limit: () => "use topK instead (mem0 3.x renamed limit to topK).",
};

/**
 * Throws an InputError unless `options` is a plain object whose keys are all in `allowed`. Keys
 * that mem0 3.x moved (top-level `userId` on search, `limit`) get a message saying where they went.
 *
 * @example
 * assertKnownOptions({ filters: {}, topK: 5 }, "search", ["filters", "topK", "threshold"]);
 */
export function assertKnownOptions(
  options: unknown,
  method: string,
  allowed: readonly string[],
): asserts options is Record<string, unknown> {
  if (!isPlainObject(options)) {
    throw new InputError(`${method}() needs an options object.`, { fix: `Pass e.g. ${example(method)}.` });
  }
  for (const [key, value] of Object.entries(options)) {
    if (allowed.includes(key) || value === undefined) continue;
    const moved = MOVED_OPTIONS[key];
    throw new InputError(`${method}() does not take a top-level "${key}" option.`, {
      fix: moved ? `In mem0 3.x style, ${moved(method, value)}` : `Allowed options: ${allowed.join(", ")}.`,
    });
  }
}

/**
 * The text, unless it is not a string or only whitespace (an InputError saying which).
 *
 * @example
 * requireText("Alice likes tea", "text"); // "Alice likes tea"
 */
export function requireText(text: unknown, label: string): string {
  if (typeof text !== "string") {
    throw new InputError(`${label} must be a string, got ${text === null ? "null" : typeof text}.`, {
      fix: "Pass the text to remember or search for.",
    });
  }
  if (text.trim() === "") {
    throw new InputError(`${label} is empty or whitespace.`, { fix: "Pass a non-empty text." });
  }
  return text;
}

/**
 * The memory id, trimmed, unless it is not a string with something besides whitespace.
 *
 * @example
 * requireId(" 3f1c... ", "get"); // "3f1c..."
 */
export function requireId(id: unknown, method: string): string {
  if (typeof id !== "string" || id.trim() === "") {
    throw new InputError(`${method}() needs a memory id (a non-empty string), got ${show(id)}.`, {
      fix: "Pass the id returned by add(), search() or getAll().",
    });
  }
  return id.trim();
}

/**
 * The threshold, unless it is not a number in [-1, 1].
 *
 * @example
 * requireThreshold(0.2); // 0.2
 */
export function requireThreshold(threshold: unknown): number {
  if (typeof threshold !== "number" || Number.isNaN(threshold) || threshold < -1 || threshold > 1) {
    throw new InputError(`threshold must be a number between -1 and 1, got ${show(threshold)}.`, {
      fix: "Scores are cosine similarities; pass e.g. threshold: 0.1 (or -1 to keep every result).",
    });
  }
  return threshold;
}

function example(method: string): string {
  if (method === "add") return '{ userId: "alice" }';
  if (method === "deleteAll") return '{ userId: "alice" }';
  return '{ filters: { user_id: "alice" } }';
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
