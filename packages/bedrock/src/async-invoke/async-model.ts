import { ConfigurationError, parseModelId } from "@bedrock-embeddings/core";

/**
 * The model families StartAsyncInvoke serves for embeddings.
 *
 * @example
 * const family: AsyncFamily = "nova";
 */
export type AsyncFamily = "nova" | "marengo-2.7" | "marengo-3.0";

/**
 * Base model id of each async family.
 *
 * @example
 * ASYNC_MODEL_IDS["marengo-3.0"]; // "twelvelabs.marengo-embed-3-0-v1:0"
 */
export const ASYNC_MODEL_IDS: Readonly<Record<AsyncFamily, string>> = Object.freeze({
  nova: "amazon.nova-2-multimodal-embeddings-v1:0",
  "marengo-2.7": "twelvelabs.marengo-embed-2-7-v1:0",
  "marengo-3.0": "twelvelabs.marengo-embed-3-0-v1:0",
});

const ASYNC_FAMILIES = Object.keys(ASYNC_MODEL_IDS) as AsyncFamily[];

/**
 * An async model resolved: its family and the id to send.
 *
 * @example
 * const model: AsyncModel = { family: "nova", modelId: "amazon.nova-2-multimodal-embeddings-v1:0" };
 */
export interface AsyncModel {
  family: AsyncFamily;
  /** What StartAsyncInvoke is sent: the base model id for geo-prefixed ids, otherwise the id as given. */
  modelId: string;
}

/**
 * Resolves an async model from a bare id, a geo-prefixed id or a foundation-model or
 * inference-profile ARN. StartAsyncInvoke takes base model ids (Marengo's geo profiles are for
 * InvokeModel only), so a geo-prefixed id is sent without its prefix. Other ARNs need `family`.
 *
 * @example
 * resolveAsyncModel("us.twelvelabs.marengo-embed-2-7-v1:0");
 * // { family: "marengo-2.7", modelId: "twelvelabs.marengo-embed-2-7-v1:0" }
 */
export function resolveAsyncModel(modelId: string, family?: string): AsyncModel {
  const named = familyOfId(modelId);
  if (family !== undefined) {
    if (!ASYNC_FAMILIES.includes(family as AsyncFamily)) {
      throw new ConfigurationError(`"${family}" is not a model family served by async invoke.`, {
        path: "family",
        allowed: ASYNC_FAMILIES,
        fix: "Use one of the allowed families, or remove family for a model id it can be read from.",
      });
    }
    if (named && named.family !== family) {
      throw new ConfigurationError(
        `model "${modelId}" is a ${named.family} model, but family is "${family}".`,
        {
          path: "family",
          allowed: [named.family],
          fix: "Remove family; it is read from the model id.",
        },
      );
    }
    return named ?? { family: family as AsyncFamily, modelId };
  }
  if (named) return named;
  throw new ConfigurationError(`model "${modelId}" has no async invoke support for embeddings.`, {
    path: "model",
    allowed: Object.values(ASYNC_MODEL_IDS),
    fix:
      "Use Nova Multimodal Embeddings or TwelveLabs Marengo for async invoke; embed Titan or Cohere texts " +
      "with ordinary (synchronous) calls, or with a batch inference job for large corpora.",
  });
}

/** The family a model id or model ARN names, if any (also reads GetAsyncInvoke's `modelArn`). */
export function familyOfId(modelId: string): AsyncModel | undefined {
  const { kind, bareId } = parseModelId(modelId);
  const family = ASYNC_FAMILIES.find((name) => ASYNC_MODEL_IDS[name] === bareId);
  if (!family || bareId === undefined) return undefined;
  return { family, modelId: kind === "foundation" ? modelId : bareId };
}
