import { InputError } from "@bedrock-embeddings/core";
import { isPlainObject } from "./json-value.js";
import type { Message } from "./memory-types.js";
import { requireText } from "./option-checks.js";

/**
 * One text to remember, with the message fields that go into its metadata.
 *
 * @example
 * const input: MemoryInput = { text: "I moved to Lisbon", role: "user" };
 */
export interface MemoryInput {
  text: string;
  role?: string;
  actorId?: string;
}

/**
 * What `add` remembers from its input, as mem0 does with `infer: false`: a string is one memory;
 * in a message list each user or assistant message with non-empty content is one memory (system
 * messages and empty contents are skipped), keeping its role.
 *
 * @example
 * toMemoryInputs([{ role: "user", content: "I moved to Lisbon" }, { role: "assistant", content: "Noted" }]);
 * // [{ text: "I moved to Lisbon", role: "user" }, { text: "Noted", role: "assistant" }]
 */
export function toMemoryInputs(messages: unknown): MemoryInput[] {
  if (typeof messages === "string") return [{ text: requireText(messages, "text") }];
  if (!Array.isArray(messages)) {
    throw new InputError("add() takes a text or an array of messages.", {
      fix: 'Pass e.g. "Alice likes tea" or [{ role: "user", content: "Alice likes tea" }].',
    });
  }
  const inputs: MemoryInput[] = [];
  messages.forEach((message: unknown, index) => {
    if (!isMessage(message)) {
      throw new InputError("a message must be { role: string, content: string, name?: string }.", {
        index,
        fix: "Pass text content; images and other parts are not supported.",
      });
    }
    if (message.role === "system" || message.content.trim() === "") return;
    const input: MemoryInput = { text: message.content, role: message.role };
    if (message.name !== undefined && message.name !== "") input.actorId = message.name;
    inputs.push(input);
  });
  if (inputs.length === 0) {
    throw new InputError("none of the messages has content to remember (empty, whitespace or system only).", {
      fix: "Pass at least one user or assistant message with non-empty content.",
    });
  }
  return inputs;
}

function isMessage(value: unknown): value is Message {
  return (
    isPlainObject(value) &&
    typeof value["role"] === "string" &&
    typeof value["content"] === "string" &&
    (value["name"] === undefined || typeof value["name"] === "string")
  );
}
