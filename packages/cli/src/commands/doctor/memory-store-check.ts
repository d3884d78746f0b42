import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { VectorStoreConfig } from "@bedrock-embeddings/core";
import { describeStoreLocation, FileVectorStore } from "@bedrock-embeddings/memory";
import { type CheckResult, failedCheck } from "./doctor-check.js";
import { checkEndpoint } from "./endpoint-check.js";

/** The model and dimension the embedder produces, for comparison with the store's binding. */
export interface EmbedderBinding {
  modelId: string;
  dimension: number | undefined;
}

const DEFAULT_COLLECTION = "memories";
const DEFAULT_POSTGRES_PORT = 5432;

/**
 * Where memories are stored and whether that store suits the embedder. A file store is only read:
 * its binding (model and dimension) is compared with the embedder's; an empty one is bound on its
 * first write. A pgvector store is checked for a reachable server only (doctor writes nothing).
 *
 * @example
 * await checkMemoryStore(config.vectorStore, { modelId: "amazon.titan-embed-text-v2:0", dimension: 512 }, "app.yaml");
 */
export async function checkMemoryStore(
  store: VectorStoreConfig,
  embedder: EmbedderBinding,
  configFile: string,
): Promise<CheckResult> {
  const location = describeStoreLocation(store);
  if (store.provider === "pgvector") return checkPostgresServer(store.config.connectionString, location);
  const directory = resolve(store.config.path);
  const log = join(directory, `${store.config.collection ?? DEFAULT_COLLECTION}.log`);
  if (!existsSync(log)) {
    return {
      check: "memory store",
      status: "ok",
      detail: `${location}: empty, bound to the model on its first write`,
    };
  }
  const opened = new FileVectorStore({ directory, ...collectionOf(store) });
  try {
    await opened.list({ limit: 1 });
    return compareBinding(opened.modelId, opened.dimension, embedder, location, configFile);
  } catch (error) {
    return failedCheck(
      "memory store",
      error,
      `Check ${log}; \`memory reset --config ${configFile} --yes\` starts it afresh.`,
    );
  } finally {
    await opened.close();
  }
}

function compareBinding(
  modelId: string | undefined,
  dimension: number | undefined,
  embedder: EmbedderBinding,
  location: string,
  configFile: string,
): CheckResult {
  if (modelId === undefined || dimension === undefined) {
    return {
      check: "memory store",
      status: "ok",
      detail: `${location}: empty, bound to the model on its first write`,
    };
  }
  const bound = `${location}: holds ${dimension}-dimensional vectors from ${modelId}`;
  const sameDimension = embedder.dimension === undefined || embedder.dimension === dimension;
  if (modelId === embedder.modelId && sameDimension)
    return { check: "memory store", status: "ok", detail: bound };
  const produces = `${embedder.dimension === undefined ? "" : `${embedder.dimension}-dimensional vectors from `}${embedder.modelId}`;
  return {
    check: "memory store",
    status: "fail",
    detail: `${bound}, but the embedder produces ${produces}.`,
    fix:
      "Go back to the embedder settings the store was built with; or copy the memories to a new store with " +
      `\`memory reembed --config <old config> --to ${configFile}\`; or delete them with \`memory reset --config ${configFile} --yes\`.`,
  };
}

function collectionOf(store: Extract<VectorStoreConfig, { provider: "file" }>): { collection?: string } {
  return store.config.collection === undefined ? {} : { collection: store.config.collection };
}

async function checkPostgresServer(connectionString: string, location: string): Promise<CheckResult> {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return { check: "memory store", status: "ok", detail: `${location} (server not probed: not a URL)` };
  }
  const port = url.port === "" ? DEFAULT_POSTGRES_PORT : Number(url.port);
  const reach = await checkEndpoint(`tcp://${url.hostname}:${port}`);
  if (reach.status === "ok")
    return { check: "memory store", status: "ok", detail: `${location}: server reachable` };
  return {
    check: "memory store",
    status: "fail",
    detail: `${location}: ${reach.detail}`,
    fix: "Check vector_store.config.connection_string (usually ${DATABASE_URL}) and that PostgreSQL is running.",
  };
}
