import { ConfigurationError, parseModelId } from "@bedrock-embeddings/core";

/**
 * The two model families `@langchain/aws` `BedrockEmbeddings` can embed correctly; the values
 * accepted by the `family` option (needed only for ARNs that do not name their model).
 *
 * @example
 * const family: LangChainAwsFamily = "titan-text-v2";
 */
export type LangChainAwsFamily = "titan-text-v1" | "titan-text-v2";

/**
 * What this package needs to know about a Titan text embedding model. A tiny local table on
 * purpose: this package must not depend on `@bedrock-embeddings/bedrock` and its catalog.
 *
 * @example
 * resolveTitanModel("us.amazon.titan-embed-text-v2:0").defaultDimension; // 1024
 */
export interface TitanTextModel {
  readonly family: LangChainAwsFamily;
  /** Bare foundation-model id. */
  readonly baseModelId: string;
  readonly defaultDimension: number;
  readonly allowedDimensions: readonly number[];
  /** True when the request body accepts `dimensions` and `normalize` (v2); v1 rejects any extra key. */
  readonly acceptsParameters: boolean;
  /** Characters (Unicode code points) per input the service accepts, as the bedrock catalog has them. */
  readonly maxCharacters: number;
}

const TITAN_MODELS: Readonly<Record<LangChainAwsFamily, TitanTextModel>> = {
  "titan-text-v1": {
    family: "titan-text-v1",
    baseModelId: "amazon.titan-embed-text-v1",
    defaultDimension: 1536,
    allowedDimensions: [1536],
    acceptsParameters: false,
    maxCharacters: 50_000,
  },
  "titan-text-v2": {
    family: "titan-text-v2",
    baseModelId: "amazon.titan-embed-text-v2:0",
    defaultDimension: 1024,
    allowedDimensions: [256, 512, 1024],
    acceptsParameters: true,
    maxCharacters: 50_000,
  },
};

export const LANGCHAIN_AWS_FAMILIES: readonly LangChainAwsFamily[] = ["titan-text-v1", "titan-text-v2"];

// Written spellings of the family override that mean the same family.
const FAMILY_ALIASES: Readonly<Record<string, LangChainAwsFamily>> = {
  "titan-text-v1": "titan-text-v1",
  "titan-embed-text-v1": "titan-text-v1",
  "titan-v1": "titan-text-v1",
  "titan-text-v2": "titan-text-v2",
  "titan-embed-text-v2": "titan-text-v2",
  "titan-v2": "titan-text-v2",
};

const USE_BEDROCK_PROVIDER =
  'Use provider "aws_bedrock" (@bedrock-embeddings/bedrock), which embeds every Bedrock model family.';

/**
 * The bare model id behind a configured id: strips a geo prefix (the one list of
 * `@bedrock-embeddings/core`) and reads foundation-model and system inference-profile ARNs. Returns undefined for ARNs that hide the model (application
 * inference profiles, provisioned throughput, custom or imported models).
 *
 * @example
 * bareModelId("arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v1"); // "amazon.titan-embed-text-v1"
 */
export function bareModelId(modelId: string): string | undefined {
  // Read case-insensitively: `US.Amazon.Titan-…` was always accepted here.
  return parseModelId(modelId.trim().toLowerCase()).bareId;
}

function familyOfBareId(id: string): LangChainAwsFamily | undefined {
  for (const family of LANGCHAIN_AWS_FAMILIES) {
    const base = TITAN_MODELS[family].baseModelId.replace(/:0$/, "");
    if (id === base || id.startsWith(`${base}:`)) return family;
  }
  return undefined;
}

function unsupportedModel(modelId: string, bare: string): ConfigurationError {
  const isCohere = bare.startsWith("cohere.");
  const reason = isCohere
    ? "@langchain/aws BedrockEmbeddings cannot embed Cohere models: it always sends {inputText}, " +
      "which Bedrock rejects for Cohere (langchainjs issue #8450)."
    : "@langchain/aws BedrockEmbeddings only embeds Titan text models correctly: it always sends {inputText} " +
      "(or a {messages} body for ids containing nova-embed, which Bedrock does not accept).";
  return new ConfigurationError(
    `model "${modelId}" is not supported by provider "langchain_aws". ${reason}`,
    {
      path: "model",
      allowed: LANGCHAIN_AWS_FAMILIES.map((family) => TITAN_MODELS[family].baseModelId),
      fix: USE_BEDROCK_PROVIDER,
    },
  );
}

/**
 * Resolves a configured model id (bare, geo-prefixed or ARN) to a Titan text model, or throws a
 * ConfigurationError explaining why `@langchain/aws` cannot embed it. `family` is needed only for
 * ARNs that hide the model, and must agree with the id when the id names a model.
 *
 * @example
 * resolveTitanModel("amazon.titan-embed-text-v1").family; // "titan-text-v1"
 * resolveTitanModel("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc", "titan-text-v2");
 */
export function resolveTitanModel(modelId: string, family?: string): TitanTextModel {
  const bare = bareModelId(modelId);
  const fromId = bare === undefined ? undefined : familyOfBareId(bare);
  if (bare !== undefined && fromId === undefined) throw unsupportedModel(modelId, bare);

  if (family === undefined) {
    if (fromId === undefined) {
      throw new ConfigurationError(`model "${modelId}" is an ARN that does not name its model.`, {
        path: "family",
        allowed: LANGCHAIN_AWS_FAMILIES,
        fix: "Set family to the Titan model behind the inference profile or provisioned model.",
      });
    }
    return TITAN_MODELS[fromId];
  }

  const fromFamily =
    FAMILY_ALIASES[
      family
        .trim()
        .toLowerCase()
        .replace(/^amazon\./, "")
    ];
  if (fromFamily === undefined) {
    throw new ConfigurationError(
      `family "${family}" cannot be embedded with provider "langchain_aws": ` +
        "@langchain/aws BedrockEmbeddings only embeds Titan text models (Cohere: langchainjs issue #8450).",
      { path: "family", allowed: LANGCHAIN_AWS_FAMILIES, fix: USE_BEDROCK_PROVIDER },
    );
  }
  if (fromId !== undefined && fromId !== fromFamily) {
    throw new ConfigurationError(`family "${family}" contradicts model "${modelId}", which is ${fromId}.`, {
      path: "family",
      allowed: [fromId],
      fix: "Remove family; it is only needed for ARNs that do not name their model.",
    });
  }
  return TITAN_MODELS[fromFamily];
}
