import { ConfigurationError, StorageError } from "@bedrock-embeddings/core";
import { LOG_FILE_HEADER } from "./log-frame.js";

/**
 * The log holds a record that cannot be read or applied at byte `offset`, with valid data after it
 * (not a torn tail from a crash). The file is left exactly as it is. A StorageError: the data is
 * damaged, not the configuration.
 *
 * @example
 * throw damagedLogError("/data/memories.log", 4096, "its checksum does not match");
 */
export function damagedLogError(
  file: string,
  offset: number,
  problem: string,
  cause?: unknown,
): StorageError {
  return new StorageError(`the memory log is damaged at byte ${offset}: ${problem}. It was not changed.`, {
    file,
    cause,
    fix:
      `Restore the file from a backup, or keep the memories before the damage: copy the file and cut the copy ` +
      `at byte ${offset} (e.g. \`truncate -s ${offset} copy.log\`), then point the store at the copy.`,
  });
}

/**
 * The file at the log's path is not a memory log (or one from a newer version).
 *
 * @example
 * throw notALogError("/data/memories.log", header);
 */
export function notALogError(file: string, start: Buffer): ConfigurationError {
  const family = LOG_FILE_HEADER.subarray(0, LOG_FILE_HEADER.length - 2);
  if (start.subarray(0, family.length).equals(family)) {
    return new ConfigurationError(
      `the memory log was written in format "${start.toString("latin1").trim()}", which this version cannot read.`,
      { file, fix: "Upgrade bedrock-embeddings to the version that wrote it." },
    );
  }
  return new ConfigurationError("the file is not a bedrock-embeddings memory log; it was not changed.", {
    file,
    fix: "Point the store at another directory or collection, or move the file away.",
  });
}

/**
 * A call on a store after `close()`.
 *
 * @example
 * if (this.closed) throw closedStoreError(this.where);
 */
export function closedStoreError(where: string): ConfigurationError {
  return new ConfigurationError(`${where} was closed.`, { fix: "Create a new store (or Memory) to go on." });
}

/**
 * Appending to the log failed (disk full, permissions, I/O error). What reached the file was cut
 * off again, unless `rollBackError` says that failed too.
 *
 * @example
 * throw writeFailedError(file, error, undefined);
 */
export function writeFailedError(file: string, cause: unknown, rollBackError: unknown): StorageError {
  const outcome =
    rollBackError === undefined
      ? "nothing was saved"
      : `and cutting off the partial write failed too (${(rollBackError as Error).message}), so part of it may be saved`;
  return new StorageError(`could not write to the memory log (${(cause as Error).message}); ${outcome}.`, {
    file,
    cause,
    fix: "Check free disk space and the permissions of the directory, then retry.",
  });
}
