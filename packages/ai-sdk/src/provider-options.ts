import type { SharedV4ProviderOptions } from "@ai-sdk/provider";
import {
  ConfigurationError,
  describeValueType,
  MEMORY_ACTIONS,
  type MemoryAction,
} from "@bedrock-embeddings/core";

/**
 * The key of our options under the AI SDK's `providerOptions`.
 *
 * @example
 * await embed({ model, value: "where does Alice live?", providerOptions: { [PROVIDER_OPTIONS_KEY]: { memoryAction: "search" } } });
 */
export const PROVIDER_OPTIONS_KEY = "bedrockEmbeddings";

const KNOWN_KEYS: readonly string[] = ["memoryAction"];
const EXAMPLE = `providerOptions: { ${PROVIDER_OPTIONS_KEY}: { memoryAction: "search" } }`;

/**
 * The memory action a call asks for in `providerOptions.bedrockEmbeddings`, or `fallback` when it
 * names none. A misspelt key or an unknown action is an error, never silently the default: a query
 * embedded as a document still "works" and only ranks worse.
 *
 * @example
 * memoryActionOf({ bedrockEmbeddings: { memoryAction: "search" } }, "add"); // "search"
 */
export function memoryActionOf(
  providerOptions: SharedV4ProviderOptions | undefined,
  fallback: MemoryAction,
): MemoryAction {
  const ours = providerOptions?.[PROVIDER_OPTIONS_KEY];
  if (ours === undefined) return fallback;
  for (const key of Object.keys(ours)) {
    if (!KNOWN_KEYS.includes(key)) {
      throw new ConfigurationError(`unknown key ${key}.`, {
        path: `providerOptions.${PROVIDER_OPTIONS_KEY}.${key}`,
        allowed: KNOWN_KEYS,
        fix: `Use ${EXAMPLE}.`,
      });
    }
  }
  const action = ours["memoryAction"];
  if (action === undefined) return fallback;
  if (typeof action !== "string" || !(MEMORY_ACTIONS as readonly string[]).includes(action)) {
    throw new ConfigurationError(
      typeof action === "string"
        ? `memoryAction ${JSON.stringify(action)} is not a memory action.`
        : `memoryAction must be a string, got ${describeValueType(action)} (${JSON.stringify(action)}).`,
      {
        path: `providerOptions.${PROVIDER_OPTIONS_KEY}.memoryAction`,
        allowed: MEMORY_ACTIONS,
        fix: `Use ${EXAMPLE} for queries, or "add" for documents.`,
      },
    );
  }
  return action as MemoryAction;
}
