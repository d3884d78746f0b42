import type { Contender, ContenderTarget } from "./contender.js";

/** Contender names as given to `--contender`, in the order the table lists them. */
export const CONTENDER_NAMES = ["ours", "langchain", "ai-sdk", "mem0", "raw-sdk"] as const;
export type ContenderName = (typeof CONTENDER_NAMES)[number];

/** What the parent knows about a contender without loading its library. */
export interface ContenderInfo {
  /** What the table calls it. */
  label: string;
  /** Why it cannot embed with `model` at all, or undefined when it can. */
  unsupported(model: string): string | undefined;
  /** Why it has no vector cache for scenario E, or undefined when it has one. */
  noCache?: string;
  /** Extra environment for its worker process (for libraries with no endpoint option). */
  environment(target: ContenderTarget): Record<string, string>;
  /** Loads the adapter; called only in the contender's own worker process. */
  load(): Promise<Contender>;
}

const noEnvironment = () => ({});
const everyModel = () => undefined;

/**
 * The contenders: this project, three other libraries with their defaults, and the raw SDK as the floor.
 */
export const CONTENDERS: Record<ContenderName, ContenderInfo> = {
  ours: {
    label: "bedrock-embeddings",
    unsupported: everyModel,
    environment: noEnvironment,
    load: async () => (await import("./ours.js")).ours,
  },
  langchain: {
    label: "@langchain/aws",
    unsupported: (model) =>
      model.startsWith("cohere.")
        ? "sends a Titan-style { inputText } body to every non-Nova model"
        : undefined,
    noCache: "BedrockEmbeddings has no cache (CacheBackedEmbeddings is in @langchain/classic)",
    environment: noEnvironment,
    load: async () => (await import("./langchain.js")).langchain,
  },
  "ai-sdk": {
    label: "AI SDK embedMany",
    unsupported: everyModel,
    noCache: "embedMany has no cache",
    environment: noEnvironment,
    load: async () => (await import("./ai-sdk.js")).aiSdk,
  },
  mem0: {
    label: "mem0 AWSBedrockEmbedder",
    unsupported: everyModel,
    noCache: "AWSBedrockEmbedder has no cache",
    // No endpoint option: the SDK's service-specific endpoint variable points it at the emulator.
    environment: (target) => ({
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: target.url,
      AWS_REGION: target.region,
      AWS_ACCESS_KEY_ID: target.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
    }),
    load: async () => (await import("./mem0.js")).mem0,
  },
  "raw-sdk": {
    label: "raw SDK loop",
    unsupported: everyModel,
    noCache: "a loop over the SDK has no cache",
    environment: noEnvironment,
    load: async () => (await import("./raw-sdk.js")).rawSdk,
  },
};
