import { resolve } from "node:path";
import { ConfigurationError } from "@bedrock-embeddings/core";
import { isPlainObject } from "../json-value.js";

const DEFAULT_COLLECTION = "memories";
const COLLECTION_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const DEFAULT_LOCK_TIMEOUT_MILLISECONDS = 30_000;

/**
 * Options of `FileVectorStore`.
 *
 * @example
 * new FileVectorStore({ directory: "/data/memory", collection: "support-bot" });
 */
export interface FileVectorStoreOptions {
  /**
   * The directory of the log, created on the first write. Required: the store never picks a
   * temporary or working directory by itself.
   */
  directory: string;
  /** The log is `<directory>/<collection>.log`: 1 to 100 letters, digits, `_` or `-`; default "memories". */
  collection?: string;
  /** How long a write waits for another process's lock before failing with a ConfigurationError; default 30,000. */
  lockTimeoutMilliseconds?: number;
}

/**
 * Checked options with defaults applied; the directory made absolute.
 *
 * @example
 * const { directory, collection } = checkStoreOptions({ directory: ".data" });
 */
export function checkStoreOptions(options: FileVectorStoreOptions): Required<FileVectorStoreOptions> {
  if (!isPlainObject(options) || typeof options.directory !== "string" || options.directory.trim() === "") {
    throw new ConfigurationError("the file memory store needs a directory.", {
      path: "directory",
      fix: 'Pass e.g. { directory: "/var/lib/my-app/memory" }; the store never picks a temporary or working directory by itself.',
    });
  }
  const collection = options.collection ?? DEFAULT_COLLECTION;
  if (typeof collection !== "string" || !COLLECTION_PATTERN.test(collection)) {
    throw new ConfigurationError(`collection ${JSON.stringify(collection)} is not a valid name.`, {
      path: "collection",
      fix: "Use 1 to 100 letters, digits, '_' or '-'.",
    });
  }
  const lockTimeoutMilliseconds = options.lockTimeoutMilliseconds ?? DEFAULT_LOCK_TIMEOUT_MILLISECONDS;
  if (
    typeof lockTimeoutMilliseconds !== "number" ||
    !Number.isFinite(lockTimeoutMilliseconds) ||
    lockTimeoutMilliseconds < 0
  ) {
    throw new ConfigurationError(
      `lockTimeoutMilliseconds must be a number of milliseconds, got ${String(lockTimeoutMilliseconds)}.`,
      {
        path: "lockTimeoutMilliseconds",
        fix: "Pass e.g. 30000, or leave it out.",
      },
    );
  }
  return { directory: resolve(options.directory), collection, lockTimeoutMilliseconds };
}
