import { dirname } from "node:path";
import { ConfigurationError } from "@bedrock-embeddings/core";
import {
  defaultFileSystem,
  removeStaleTempFiles,
  type StoreFileSystem,
  writeFileAtomic,
} from "./atomic-write.js";

const LEFT_UNTOUCHED =
  "The file was left untouched. Restore it from a backup, or move it aside to start with an empty store.";

/**
 * Reads one store file: its text, or undefined when it does not exist yet. Leftovers of an
 * interrupted write are removed first. Any other failure is a ConfigurationError naming the file.
 *
 * @example
 * const text = await readStoreFile("/data/memories.json");
 */
export async function readStoreFile(
  file: string,
  fileSystem: StoreFileSystem = defaultFileSystem,
): Promise<string | undefined> {
  await removeStaleTempFiles(file, fileSystem);
  try {
    return await fileSystem.readFile(file, "utf8");
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return undefined;
    throw new ConfigurationError(`cannot read the store file: ${describe(error)}`, {
      file,
      cause: error,
      fix: "Check that the data directory exists and is readable.",
    });
  }
}

/**
 * Writes one store file atomically, creating its directory. A failure is a ConfigurationError
 * naming the file, with the file system error as `cause`; the previous content is intact.
 *
 * @example
 * await writeStoreFile("/data/memories.json", text);
 */
export async function writeStoreFile(
  file: string,
  text: string,
  fileSystem: StoreFileSystem = defaultFileSystem,
): Promise<void> {
  try {
    await fileSystem.mkdir(dirname(file), { recursive: true });
    await writeFileAtomic(file, text, fileSystem);
  } catch (error) {
    throw new ConfigurationError(
      `cannot save the store file (${describe(error)}); the change was not applied and the previous version is intact.`,
      {
        file,
        cause: error,
        fix: "Check that the data directory is writable and the disk has space, then retry.",
      },
    );
  }
}

/**
 * The error for a store file whose content cannot be used. It never leads to the file being
 * overwritten: the store refuses to open until the file is fixed or moved aside.
 *
 * @example
 * throw corruptFileError(file, "it is not valid JSON", error);
 */
export function corruptFileError(file: string, problem: string, cause?: unknown): ConfigurationError {
  return new ConfigurationError(`the store file is corrupted or not a store file: ${problem}.`, {
    file,
    cause,
    fix: LEFT_UNTOUCHED,
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
